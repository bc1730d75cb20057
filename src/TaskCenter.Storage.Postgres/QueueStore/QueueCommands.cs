namespace TaskCenter.Storage.Postgres.QueueStore;

/// <summary>The SQL of the built-in queue. Values always go through parameters.</summary>
internal static class QueueCommands
{
    // ---- Subscriptions ----

    public const string FilterOf = "SELECT filter FROM consumer_groups WHERE name = @group";

    public const string UpsertGroup = """
        INSERT INTO consumer_groups (name, filter, tags, subscribed_at) VALUES (@group, @filter, @tags, @now)
        ON CONFLICT (name) DO UPDATE SET filter = excluded.filter, tags = excluded.tags, subscribed_at = excluded.subscribed_at
        """;

    /// <summary>Hands the kept fires of the given tags to the group (ix_fires_unrouted); returns a row per delivery made.</summary>
    public const string HandOverByTags = """
        WITH taken AS (
          UPDATE fires SET unrouted = false
          WHERE unrouted AND name = ANY (@tags) AND recorded_at >= @since
          RETURNING msg_id, fire_time
        )
        INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at)
        SELECT @group, msg_id, 'ready', 0, fire_time, fire_time FROM taken
        ON CONFLICT DO NOTHING
        """;

    /// <summary>Hands every kept fire to a "*" group (ix_fires_unrouted_age).</summary>
    public const string HandOverAll = """
        WITH taken AS (
          UPDATE fires SET unrouted = false
          WHERE unrouted AND recorded_at >= @since
          RETURNING msg_id, fire_time
        )
        INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at)
        SELECT @group, msg_id, 'ready', 0, fire_time, fire_time FROM taken
        ON CONFLICT DO NOTHING
        """;

    // ---- Consuming ----

    /// <summary>
    /// The group's deliveries that can be leased now, in the order they are handed out (ix_deliveries_available). A
    /// delivery another consumer is leasing right now is skipped, never handed out twice.
    /// </summary>
    public const string LockLeaseCandidates = """
        SELECT d.msg_id, d.state, d.attempt, f.task_id, f.name, f.data, f.fire_time, f.lease_ms, f.ack
        FROM deliveries AS d
        JOIN fires AS f ON f.msg_id = d.msg_id
        WHERE d.group_name = @group AND d.state IN ('ready', 'leased') AND d.available_at <= @now
        ORDER BY d.available_at, d.fire_time, d.msg_id
        LIMIT @limit
        FOR UPDATE OF d SKIP LOCKED
        """;

    /// <summary>The first lease of a delivery also records when it was first handed out (the fire history).</summary>
    public const string MarkLeased = """
        UPDATE deliveries AS d
        SET state = 'leased', attempt = d.attempt + 1, available_at = l.lease_until,
            first_delivered_at = COALESCE(d.first_delivered_at, @now)
        FROM unnest(@msgIds, @leaseUntils) AS l (msg_id, lease_until)
        WHERE d.group_name = @group AND d.msg_id = l.msg_id
        """;

    public const string MarkDeadMany = """
        UPDATE deliveries SET state = 'dead', available_at = NULL, dead_at = @now, last_error = @error
        WHERE group_name = @group AND msg_id = ANY (@msgIds)
        """;

    public const string NextReady = """
        SELECT available_at FROM deliveries
        WHERE group_name = @group AND state IN ('ready', 'leased')
        ORDER BY available_at
        LIMIT 1
        """;

    public const string LockPendingAttempt = """
        SELECT attempt FROM deliveries
        WHERE group_name = @group AND msg_id = @msgId AND state IN ('ready', 'leased')
        FOR UPDATE
        """;

    public const string MarkDead = """
        UPDATE deliveries SET state = 'dead', available_at = NULL, dead_at = @now, last_error = @error
        WHERE group_name = @group AND msg_id = @msgId
        """;

    public const string MarkRetry = """
        UPDATE deliveries SET state = 'ready', available_at = @retryAt, last_error = @error
        WHERE group_name = @group AND msg_id = @msgId
        """;

    /// <summary>
    /// Deletes the group's pending deliveries of these messages and keeps their outcome for the fire history, in one
    /// statement (one round trip, atomic without a transaction of its own); both by key.
    /// </summary>
    public const string Ack = """
        WITH acked AS (
          DELETE FROM deliveries WHERE group_name = @group AND msg_id = ANY (@msgIds) AND state IN ('ready', 'leased')
          RETURNING msg_id, fire_time, attempt, first_delivered_at, last_error
        ),
        kept AS (
          INSERT INTO delivery_outcomes (msg_id, group_name, attempt, first_delivered_at, acked_at, last_error)
          SELECT msg_id, @group, attempt, first_delivered_at, @now, last_error FROM acked
          ON CONFLICT DO NOTHING
        )
        SELECT msg_id, fire_time FROM acked
        """;

    // ---- Dead letters ----

    private const string DeadLetterColumns = """
        SELECT d.msg_id, f.task_id, f.name, f.data, d.fire_time, d.attempt, d.last_error, d.dead_at
        FROM deliveries AS d
        JOIN fires AS f ON f.msg_id = d.msg_id
        """;

    /// <summary>ix_deliveries_dead from the start.</summary>
    public const string DeadLettersFirst = DeadLetterColumns + """

        WHERE d.group_name = @group AND d.state = 'dead'
        ORDER BY d.fire_time, d.msg_id
        LIMIT @limit
        """;

    /// <summary>ix_deliveries_dead after the cursor's fire; nothing when that fire is gone from history.</summary>
    public const string DeadLettersAfter = DeadLetterColumns + """

        WHERE d.group_name = @group AND d.state = 'dead'
          AND (d.fire_time, d.msg_id) > ((SELECT fire_time FROM fires WHERE msg_id = @afterMsgId), @afterMsgId)
        ORDER BY d.fire_time, d.msg_id
        LIMIT @limit
        """;

    public const string RedriveSome = """
        UPDATE deliveries SET state = 'ready', attempt = 0, available_at = @now, dead_at = NULL
        WHERE group_name = @group AND msg_id = ANY (@msgIds) AND state = 'dead'
        RETURNING msg_id, fire_time
        """;

    public const string RedriveAll = """
        UPDATE deliveries SET state = 'ready', attempt = 0, available_at = @now, dead_at = NULL
        WHERE group_name = @group AND state = 'dead'
        RETURNING msg_id, fire_time
        """;

    public const string PurgeDeadSome = """
        DELETE FROM deliveries WHERE group_name = @group AND msg_id = ANY (@msgIds) AND state = 'dead'
        RETURNING msg_id, fire_time
        """;

    public const string PurgeDeadAll = """
        DELETE FROM deliveries WHERE group_name = @group AND state = 'dead'
        RETURNING msg_id, fire_time
        """;

    /// <summary>Dead letters an external transport gave up on; a (group, msgid) already recorded is left as it is.</summary>
    public const string AddDeadLetters = """
        WITH letters AS (
          SELECT * FROM unnest(@groups, @msgIds, @taskIds, @names, @datas, @fireTimes, @attempts, @errors, @deadAts)
            AS l (group_name, msg_id, task_id, name, data, fire_time, attempt, last_error, dead_at)
        ),
        fired AS (
          INSERT INTO fires (msg_id, task_id, name, data, fire_time, recorded_at, lease_ms, ack, unrouted, unpublished)
          SELECT DISTINCT ON (msg_id) msg_id, task_id, name, data, fire_time, dead_at, NULL, false, false, false FROM letters
          ON CONFLICT DO NOTHING
        )
        INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at, last_error, dead_at)
        SELECT group_name, msg_id, 'dead', attempt, fire_time, NULL, last_error, dead_at FROM letters
        ON CONFLICT DO NOTHING
        """;

    // ---- Housekeeping ----

    public const string PurgeUnrouted = "DELETE FROM fires WHERE unrouted AND recorded_at < @before";

    /// <summary>
    /// Old fires with no delivery left (ix_fires_routed_age, then the deliveries' key prefix), and the acked outcomes
    /// of those fires (their key prefix): an outcome is kept only as long as its fire.
    /// </summary>
    public const string PurgeHistory = """
        WITH purged AS (
          DELETE FROM fires
          WHERE NOT unrouted AND NOT unpublished AND recorded_at < @before
            AND NOT EXISTS (SELECT 1 FROM deliveries AS d WHERE d.msg_id = fires.msg_id)
          RETURNING msg_id
        )
        DELETE FROM delivery_outcomes WHERE msg_id IN (SELECT msg_id FROM purged)
        """;
}
