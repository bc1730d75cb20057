using TaskCenter.Core.Tasks;

namespace TaskCenter.Storage.Postgres.Ledger;

/// <summary>The SQL of the built-in queue. Values always go through parameters.</summary>
internal static class QueueCommands
{
    // ---- Subscriptions ----

    public const string FilterOf = "SELECT filter FROM consumer_groups WHERE name = @group";

    /// <summary>The groups there are, and those @owner made (ix_consumer_groups_owner); asked only for a new group.</summary>
    public const string GroupCounts = """
        SELECT (SELECT count(*) FROM consumer_groups),
               (SELECT count(*) FROM consumer_groups WHERE owner_key = @owner)
        """;

    /// <summary>A new group belongs to @owner; a changed one keeps its owner.</summary>
    public const string UpsertGroup = """
        INSERT INTO consumer_groups (name, filter, owner_key, subscribed_at) VALUES (@group, @filter, @owner, @now)
        ON CONFLICT (name) DO UPDATE SET filter = excluded.filter, subscribed_at = excluded.subscribed_at
        """;

    public const string DeletePatterns = "DELETE FROM subscription_patterns WHERE group_name = @group";

    /// <summary>The group's patterns as written (NamePattern.ToString()); a prefix's length as PostgreSQL counts it, as routing reads it.</summary>
    public const string InsertPatterns = """
        INSERT INTO subscription_patterns (pattern, group_name, prefix_length)
        SELECT p, @group, CASE WHEN right(p, 1) = '*' THEN length(p) - 1 END FROM unnest(@patterns) AS p
        """;

    /// <summary>
    /// Hands the kept fires the patterns match to the group: for each pattern the names from its first to its last
    /// (NamePattern.First, Last), a range scan of ix_fires_unrouted. Returns a row per delivery made.
    /// </summary>
    public const string HandOver = """
        WITH matched AS (
          SELECT f.msg_id
          FROM unnest(@firsts, @lasts) AS p (first, last)
          CROSS JOIN LATERAL (
            SELECT msg_id FROM fires WHERE unrouted AND name >= p.first AND name <= p.last AND recorded_at >= @since
          ) AS f
        ),
        taken AS (
          UPDATE fires SET unrouted = false
          WHERE unrouted AND msg_id IN (SELECT msg_id FROM matched)
          RETURNING msg_id, fire_time
        )
        INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at)
        SELECT @group, msg_id, 'ready', 0, fire_time, fire_time FROM taken
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// At start: stored subscriptions with more than @maxPatterns patterns, counted by their " || " separators (a
    /// canonical expression joins its patterns with exactly that), so none is expanded; they are replaced by '' (it
    /// matches nothing) and lose their pattern rows. Returns each with its count.
    /// </summary>
    public const string SuspendOversized = """
        WITH oversized AS (
          SELECT name, patterns FROM (
            SELECT name, (length(filter) - length(replace(filter, ' || ', ''))) / 4 + 1 AS patterns
            FROM consumer_groups WHERE filter <> ''
          ) AS counted
          WHERE patterns > @maxPatterns
        ),
        suspended AS (
          UPDATE consumer_groups AS g SET filter = '' FROM oversized AS o WHERE g.name = o.name
        ),
        unindexed AS (
          DELETE FROM subscription_patterns AS s USING oversized AS o WHERE s.group_name = o.name
        )
        SELECT name, patterns FROM oversized ORDER BY name
        """;

    /// <summary>
    /// At start, after <see cref="SuspendOversized"/>: the pattern rows of subscriptions that have none (stored before
    /// schema version 3), from their canonical form. A probe of ix_subscription_patterns_group per group.
    /// </summary>
    public const string IndexUnindexed = """
        INSERT INTO subscription_patterns (pattern, group_name, prefix_length)
        SELECT p, g.name, CASE WHEN right(p, 1) = '*' THEN length(p) - 1 END
        FROM consumer_groups AS g
        CROSS JOIN LATERAL unnest(string_to_array(g.filter, ' || ')) AS p
        WHERE g.filter <> '' AND NOT EXISTS (SELECT 1 FROM subscription_patterns AS s WHERE s.group_name = g.name)
        ON CONFLICT DO NOTHING
        """;

    public const string ListGroups = """
        SELECT name, filter, owner_key, subscribed_at FROM consumer_groups WHERE name > @after ORDER BY name
        """;

    /// <summary>The group, its patterns, and its deliveries (each state on its partial index); what was removed.</summary>
    public const string DeleteGroup = """
        WITH removed AS (
          DELETE FROM consumer_groups WHERE name = @group RETURNING filter
        ),
        unindexed AS (
          DELETE FROM subscription_patterns WHERE group_name = @group
        ),
        pending AS (
          DELETE FROM deliveries WHERE group_name = @group AND state IN ('ready', 'leased') RETURNING 1
        ),
        dead AS (
          DELETE FROM deliveries WHERE group_name = @group AND state = 'dead' RETURNING 1
        )
        SELECT (SELECT filter FROM removed), (SELECT count(*) FROM pending), (SELECT count(*) FROM dead)
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

    /// <summary>Columns of Core's PendingDelivery: state, attempt, available_at.</summary>
    public const string LockPendingDelivery = """
        SELECT state, attempt, available_at FROM deliveries
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
    /// statement (one round trip, atomic without a transaction of its own); both by key. All or nothing: when one of
    /// them was never handed out (attempt 0), nothing is deleted and those are returned instead (refused = true).
    /// <para>Each delivery is found by its message id (deliveries_pkey), one id at a time, locked, and deleted by its key.
    /// On a table a burst filled a moment before, not analyzed yet, the planner guesses that a group has a handful of
    /// rows: given "group_name = @group" it read the group's whole backlog (ix_deliveries_available) for every ack, or
    /// for every id. So the group and the state are checked as one expression no index can serve ("IS TRUE"), the LIMIT
    /// keeps the lookup a subquery per id (not a join the planner could turn around), and the lock keeps the rows
    /// pending until the delete.</para>
    /// </summary>
    public const string Ack = """
        WITH pending AS (
          SELECT d.msg_id, d.group_name, d.attempt
          FROM (SELECT DISTINCT msg_id FROM unnest(@msgIds) AS g (msg_id) ORDER BY msg_id) AS given
          CROSS JOIN LATERAL (
            SELECT msg_id, group_name, attempt FROM deliveries
            WHERE msg_id = given.msg_id AND (group_name = @group AND state IN ('ready', 'leased')) IS TRUE
            LIMIT 1
            FOR UPDATE
          ) AS d
        ),
        refused AS (
          SELECT msg_id FROM pending WHERE attempt = 0
        ),
        acked AS (
          DELETE FROM deliveries AS d
          USING pending AS p
          WHERE d.msg_id = p.msg_id AND d.group_name = p.group_name AND NOT EXISTS (SELECT 1 FROM refused)
          RETURNING d.msg_id, d.fire_time, d.attempt, d.first_delivered_at, d.last_error
        ),
        kept AS (
          INSERT INTO delivery_outcomes (msg_id, group_name, attempt, first_delivered_at, acked_at, last_error)
          SELECT msg_id, @group, attempt, first_delivered_at, @now, last_error FROM acked
          ON CONFLICT DO NOTHING
        )
        SELECT msg_id, false FROM acked
        UNION ALL
        SELECT msg_id, true FROM refused
        """;

    // ---- Withdrawing the fires of deleted tasks not due yet ----

    /// <summary>
    /// The fires of deleted tasks recorded ahead of time and not due yet, with their deliveries (ux_fires_task_time,
    /// then the deliveries' key). Its own statement after the delete: it must see fires another instance committed
    /// while the delete waited for that instance's lock on the task.
    /// </summary>
    public const string WithdrawFutureFires = """
        WITH withdrawn AS (
          DELETE FROM fires WHERE task_id = ANY (@taskIds) AND fire_time > @now RETURNING msg_id
        ),
        undelivered AS (
          DELETE FROM deliveries WHERE msg_id IN (SELECT msg_id FROM withdrawn)
        )
        DELETE FROM delivery_outcomes WHERE msg_id IN (SELECT msg_id FROM withdrawn)
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

    /// <summary>The dead letters ready again as RedriveRule.Reset says (@attempt, @availableAt).</summary>
    public const string RedriveSome = """
        UPDATE deliveries SET state = 'ready', attempt = @attempt, available_at = @availableAt, dead_at = NULL
        WHERE group_name = @group AND msg_id = ANY (@msgIds) AND state = 'dead'
        RETURNING msg_id, fire_time
        """;

    /// <inheritdoc cref="RedriveSome"/>
    public const string RedriveAll = """
        UPDATE deliveries SET state = 'ready', attempt = @attempt, available_at = @availableAt, dead_at = NULL
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
