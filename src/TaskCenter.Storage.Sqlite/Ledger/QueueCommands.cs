using TaskCenter.Core.Tasks;

namespace TaskCenter.Storage.Sqlite.Ledger;

/// <summary>The SQL of the built-in queue. Values always go through parameters.</summary>
internal static class QueueCommands
{
    // ---- Consumer groups ----

    public const string LoadGroups = "SELECT name, filter, owner_key FROM consumer_groups ORDER BY name";

    /// <summary>
    /// Stored subscriptions with more than @maxPatterns patterns, counted by their " || " separators (a canonical
    /// expression joins its patterns with exactly that), so none of them is parsed.
    /// </summary>
    public const string OversizedGroups = """
        SELECT name, patterns FROM (
          SELECT name, (length(filter) - length(replace(filter, ' || ', ''))) / 4 + 1 AS patterns
          FROM consumer_groups WHERE filter <> ''
        )
        WHERE patterns > @maxPatterns
        ORDER BY name
        """;

    /// <summary>The subscription that matches nothing (TagFilter.Nothing).</summary>
    public const string SuspendGroup = "UPDATE consumer_groups SET filter = '' WHERE name = @group";

    /// <summary>A new group belongs to @owner; a changed one keeps its owner.</summary>
    public const string UpsertGroup = """
        INSERT INTO consumer_groups (name, filter, subscribed_at, owner_key) VALUES (@group, @filter, @now, @owner)
        ON CONFLICT (name) DO UPDATE SET filter = excluded.filter, subscribed_at = excluded.subscribed_at
        """;

    public const string ListGroups = """
        SELECT name, filter, owner_key, subscribed_at FROM consumer_groups WHERE name > @after ORDER BY name
        """;

    public const string DeleteGroup = "DELETE FROM consumer_groups WHERE name = @group RETURNING filter";

    /// <summary>On ix_deliveries_available: the group's messages not acked yet.</summary>
    public const string DeletePending = "DELETE FROM deliveries WHERE group_name = @group AND state IN ('ready', 'leased')";

    /// <summary>On ix_deliveries_dead.</summary>
    public const string DeleteDead = "DELETE FROM deliveries WHERE group_name = @group AND state = 'dead'";

    // ---- Recording and routing fires (CommitAsync) ----

    /// <summary>Ignored (0 rows) when (task_id, fire_time) or msg_id was already recorded.</summary>
    public const string InsertFire = """
        INSERT INTO fires (msg_id, task_id, name, data, fire_time, recorded_at, lease_ms, ack, unrouted, unpublished)
        VALUES (@msgId, @taskId, @name, @data, @fireTime, @recordedAt, @leaseMs, @ack, @unrouted, @unpublished)
        ON CONFLICT DO NOTHING
        """;

    public const string InsertDelivery = """
        INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at)
        VALUES (@group, @msgId, 'ready', 0, @fireTime, @availableAt)
        ON CONFLICT DO NOTHING
        """;

    // ---- Withdrawing the fires of a deleted task not due yet ----

    /// <summary>The deliveries of a task's fires recorded ahead of time and not due yet (ux_fires_task_time, then the key).</summary>
    public const string WithdrawFutureDeliveries = """
        DELETE FROM deliveries
        WHERE msg_id IN (SELECT msg_id FROM fires WHERE task_id = @taskId AND fire_time > @now)
        """;

    public const string WithdrawFutureFires = "DELETE FROM fires WHERE task_id = @taskId AND fire_time > @now";

    // ---- Dead letters given up on by an external transport ----

    public const string InsertDeadLetterFire = """
        INSERT INTO fires (msg_id, task_id, name, data, fire_time, recorded_at, lease_ms, ack, unrouted)
        VALUES (@msgId, @taskId, @name, @data, @fireTime, @deadAt, NULL, 0, 0)
        ON CONFLICT DO NOTHING
        """;

    public const string InsertDeadDelivery = """
        INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at, last_error, dead_at)
        VALUES (@group, @msgId, 'dead', @attempt, @fireTime, NULL, @error, @deadAt)
        ON CONFLICT DO NOTHING
        """;

    // ---- Handing kept (unrouted) fires to the first subscriber ----

    /// <summary>The kept fires of one pattern: the names from @first to @last (NamePattern.First, Last), on ix_fires_unrouted.</summary>
    public const string RouteUnrouted = """
        INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at)
        SELECT @group, msg_id, 'ready', 0, fire_time, fire_time
        FROM fires WHERE unrouted = 1 AND name >= @first AND name <= @last AND recorded_at >= @since
        ON CONFLICT DO NOTHING
        """;

    public const string MarkRouted =
        "UPDATE fires SET unrouted = 0 WHERE unrouted = 1 AND name >= @first AND name <= @last AND recorded_at >= @since";

    // ---- Consuming ----

    /// <summary>The group's deliveries that can be leased now, in the order they are handed out (ix_deliveries_available).</summary>
    public const string LeaseCandidates = """
        SELECT d.msg_id, d.state, d.attempt, f.task_id, f.name, f.data, f.fire_time, f.lease_ms, f.ack
        FROM deliveries AS d
        JOIN fires AS f ON f.msg_id = d.msg_id
        WHERE d.group_name = @group AND d.state IN ('ready', 'leased') AND d.available_at <= @now
        ORDER BY d.available_at, d.fire_time, d.msg_id
        LIMIT @limit
        """;

    /// <summary>Whether LeaseAsync would find anything: checked on a reader first, so empty polls never take the writer.</summary>
    public const string AnyAvailable = """
        SELECT 1 FROM deliveries
        WHERE group_name = @group AND state IN ('ready', 'leased') AND available_at <= @now
        LIMIT 1
        """;

    /// <summary>@now is when the message was handed out: the first lease's is kept as first_delivered_at.</summary>
    public const string MarkLeased = """
        UPDATE deliveries
        SET state = 'leased', attempt = attempt + 1, available_at = @leaseUntil, first_delivered_at = COALESCE(first_delivered_at, @now)
        WHERE group_name = @group AND msg_id = @msgId
        """;

    public const string MarkDead = """
        UPDATE deliveries SET state = 'dead', available_at = NULL, dead_at = @now, last_error = @error
        WHERE group_name = @group AND msg_id = @msgId
        """;

    public const string MarkRetry = """
        UPDATE deliveries SET state = 'ready', available_at = @retryAt, last_error = @error
        WHERE group_name = @group AND msg_id = @msgId
        """;

    public const string NextReady = """
        SELECT available_at FROM deliveries
        WHERE group_name = @group AND state IN ('ready', 'leased')
        ORDER BY available_at
        LIMIT 1
        """;

    /// <summary>Columns of Core's PendingDelivery: state, attempt, available_at.</summary>
    public const string PendingDelivery = """
        SELECT state, attempt, available_at FROM deliveries
        WHERE group_name = @group AND msg_id = @msgId AND state IN ('ready', 'leased')
        """;

    /// <summary>What became of a delivery about to be acked, kept for the fire history (run before <see cref="Ack"/>).</summary>
    public const string RecordAckOutcome = """
        INSERT INTO delivery_outcomes (msg_id, group_name, attempt, first_delivered_at, acked_at, last_error)
        SELECT msg_id, group_name, attempt, first_delivered_at, @now, last_error
        FROM deliveries WHERE msg_id = @msgId AND group_name = @group AND state IN ('ready', 'leased') AND attempt > 0
        ON CONFLICT DO NOTHING
        """;

    /// <summary>Only what was handed out (attempt > 0) can be acked.</summary>
    public const string Ack = """
        DELETE FROM deliveries WHERE group_name = @group AND msg_id = @msgId AND state IN ('ready', 'leased') AND attempt > 0
        """;

    /// <summary>Whether a message an ack did not find is pending but was never handed out.</summary>
    public const string NotHandedOut = """
        SELECT 1 FROM deliveries WHERE group_name = @group AND msg_id = @msgId AND state IN ('ready', 'leased') AND attempt = 0
        """;

    // ---- Dead letters ----

    public const string DeadLettersFirst = """
        SELECT d.msg_id, f.task_id, f.name, f.data, d.fire_time, d.attempt, d.last_error, d.dead_at
        FROM deliveries AS d
        JOIN fires AS f ON f.msg_id = d.msg_id
        WHERE d.group_name = @group AND d.state = 'dead'
        ORDER BY d.fire_time, d.msg_id
        LIMIT @limit
        """;

    public const string DeadLettersAfter = """
        SELECT d.msg_id, f.task_id, f.name, f.data, d.fire_time, d.attempt, d.last_error, d.dead_at
        FROM deliveries AS d
        JOIN fires AS f ON f.msg_id = d.msg_id
        WHERE d.group_name = @group AND d.state = 'dead' AND (d.fire_time, d.msg_id) > (@afterFireTime, @afterMsgId)
        ORDER BY d.fire_time, d.msg_id
        LIMIT @limit
        """;

    public const string FireTimeOf = "SELECT fire_time FROM fires WHERE msg_id = @msgId";

    public const string DeadIds = """
        SELECT msg_id FROM deliveries WHERE group_name = @group AND state = 'dead' ORDER BY fire_time, msg_id
        """;

    /// <summary>The dead letter ready again as RedriveRule.Reset says (@attempt, @availableAt).</summary>
    public const string RedriveOne = """
        UPDATE deliveries SET state = 'ready', attempt = @attempt, available_at = @availableAt, dead_at = NULL
        WHERE group_name = @group AND msg_id = @msgId AND state = 'dead'
        """;

    /// <inheritdoc cref="RedriveOne"/>
    public const string RedriveAll = """
        UPDATE deliveries SET state = 'ready', attempt = @attempt, available_at = @availableAt, dead_at = NULL
        WHERE group_name = @group AND state = 'dead'
        """;

    public const string PurgeDeadOne = "DELETE FROM deliveries WHERE group_name = @group AND msg_id = @msgId AND state = 'dead'";

    public const string PurgeDeadAll = "DELETE FROM deliveries WHERE group_name = @group AND state = 'dead'";

    // ---- Housekeeping ----

    public const string PurgeUnrouted = "DELETE FROM fires WHERE unrouted = 1 AND recorded_at < @before";

    /// <summary>Old fires with nothing left to deliver (ix_fires_routed_age, then the deliveries key prefix).</summary>
    private const string HistoryToPurge = """
        FROM fires
        WHERE unrouted = 0 AND recorded_at < @before AND unpublished = 0
          AND NOT EXISTS (SELECT 1 FROM deliveries AS d WHERE d.msg_id = fires.msg_id)
        """;

    /// <summary>The acked outcomes of the fires <see cref="PurgeHistory"/> is about to delete (run first).</summary>
    public const string PurgeHistoryOutcomes = "DELETE FROM delivery_outcomes WHERE msg_id IN (SELECT msg_id " + HistoryToPurge + ")";

    public const string PurgeHistory = "DELETE " + HistoryToPurge;
}
