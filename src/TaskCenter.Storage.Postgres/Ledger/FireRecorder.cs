using Npgsql;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.Ledger;

/// <summary>
/// Applies the engine's advances inside the caller's transaction, in one statement: each task's bookkeeping (only
/// where its version still matches), its fires (once per task and fire time), and their routing, read from the
/// subscriptions committed now, whichever instance changed them: a delivery per matching group, or kept unrouted; with
/// the outbox, marked unpublished instead. Makes the ready messages known to every instance (NOTIFY, sent at commit).
/// </summary>
internal static class FireRecorder
{
    /// <summary>
    /// A fire's routing patterns are its name and, for each prefix length in use (found by a skip scan of
    /// ix_subscription_patterns_prefix_length: a probe per distinct length, once per statement), its prefix of that
    /// length followed by '*'; the groups it goes to are those with a row for one of them (Core's SubscriptionIndex.GroupsFor
    /// rule, executed here over the committed pattern rows, whichever instance wrote them). The lookup is an equality
    /// join on the pattern, computed once per statement (<c>routes</c>): with statistics a probe of the primary key per
    /// pattern, and without them (a table just filled, not analyzed yet) at worst one hash join over the patterns per
    /// batch of fires — never a scan per fire, which an EXISTS per fire could be given when the planner expects a match
    /// early. Whether a fire is unrouted is a join with the routes too (a hash join), not a search per fire. So the cost
    /// of a fire grows with the groups it goes to, not with the groups there are.
    /// </summary>
    private const string AdvanceRecordRoute = """
        WITH RECURSIVE prefix_lengths (n) AS (
          SELECT min(prefix_length) FROM subscription_patterns WHERE prefix_length IS NOT NULL AND NOT @outbox
          UNION ALL
          SELECT (SELECT min(s.prefix_length) FROM subscription_patterns AS s WHERE s.prefix_length > l.n)
          FROM prefix_lengths AS l
          WHERE l.n IS NOT NULL
        ),
        advanced AS (
          UPDATE tasks AS t
          SET state = a.state, fired_count = a.fired_count, next_fire_at = a.next_fire_at, finished_at = a.finished_at,
              version = t.version + 1
          FROM unnest(@ids, @versions, @states, @firedCounts, @nextFireAts, @finishedAts)
               AS a (id, version, state, fired_count, next_fire_at, finished_at)
          WHERE t.id = a.id AND t.version = a.version
          RETURNING t.id
        ),
        input AS (
          SELECT f.*, f.name || ARRAY(SELECT left(f.name, l.n) || '*' FROM prefix_lengths AS l WHERE l.n <= length(f.name)) AS patterns
          FROM unnest(@msgIds, @taskIds, @names, @datas, @fireTimes, @recordedAts, @leaseMs, @acks)
               AS f (msg_id, task_id, name, data, fire_time, recorded_at, lease_ms, ack)
          WHERE f.task_id IN (SELECT id FROM advanced)
        ),
        routes AS (
          SELECT i.msg_id, s.group_name
          FROM input AS i
          CROSS JOIN LATERAL unnest(i.patterns) AS p (pattern)
          JOIN subscription_patterns AS s ON s.pattern = p.pattern
          WHERE NOT @outbox
        ),
        recorded AS (
          INSERT INTO fires (msg_id, task_id, name, data, fire_time, recorded_at, lease_ms, ack, unrouted, unpublished)
          SELECT i.msg_id, i.task_id, i.name, i.data, i.fire_time, i.recorded_at, i.lease_ms, i.ack,
                 NOT @outbox AND routed_to.msg_id IS NULL,
                 @outbox
          FROM input AS i
          LEFT JOIN (SELECT DISTINCT r.msg_id FROM routes AS r) AS routed_to ON routed_to.msg_id = i.msg_id
          ON CONFLICT DO NOTHING
          RETURNING msg_id, fire_time
        ),
        routed AS (
          INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at)
          SELECT r.group_name, c.msg_id, 'ready', 0, c.fire_time, c.fire_time
          FROM recorded AS c
          JOIN routes AS r ON r.msg_id = c.msg_id
          ON CONFLICT DO NOTHING
          RETURNING 1
        )
        SELECT r.msg_id, (SELECT count(*) FROM routed) FROM recorded AS r
        """;

    /// <summary>Returns the fires recorded, in the order given (a duplicate, or a fire of a skipped advance, is not).</summary>
    public static async Task<IReadOnlyList<FireRecord>> CommitAsync(
        NpgsqlConnection connection, PostgresDatabase db, FireRouting routing, IReadOnlyList<TaskAdvance> advances, CancellationToken cancellationToken)
    {
        var outbox = routing == FireRouting.Outbox;
        if (!outbox)
        {
            // Shared with other recordings; a subscription change waits for it, and it for that change (AdvisoryLocks.Routing).
            await using var routingLock = connection.Command(AdvisoryLocks.Shared).With("@lock", db.Locks.Routing);
            await routingLock.ExecuteNonQueryAsync(cancellationToken);
        }

        var fires = advances.SelectMany(a => a.Fires).ToList();
        var tasks = advances.Select(a => a.Task).ToList();
        var command = connection.Command(AdvanceRecordRoute)
            .With("@outbox", outbox)
            .With("@ids", tasks.Select(t => t.Id).ToArray())
            .With("@versions", tasks.Select(t => t.Version).ToArray())
            .With("@states", tasks.Select(t => t.State.ToWire()).ToArray())
            .With("@firedCounts", tasks.Select(t => t.FiredCount).ToArray())
            .With("@nextFireAts", tasks.Select(t => t.NextFireAt.ToUnixMs()).ToArray())
            .With("@finishedAts", tasks.Select(t => t.FinishedAt.ToUnixMs()).ToArray())
            .With("@msgIds", fires.Select(f => f.MsgId).ToArray())
            .With("@taskIds", fires.Select(f => f.TaskId).ToArray())
            .With("@names", fires.Select(f => f.Name).ToArray())
            .With("@datas", fires.Select(f => PostgresText.ToPayload(f.Data)).ToArray())
            .With("@fireTimes", fires.Select(f => f.FireTime.ToUnixMs()).ToArray())
            .With("@recordedAts", fires.Select(f => f.RecordedAt.ToUnixMs()).ToArray())
            .With("@leaseMs", fires.Select(f => f.Lease is { } lease && lease > TimeSpan.Zero ? lease.ToMs() : (long?)null).ToArray())
            .With("@acks", fires.Select(f => f.Ack).ToArray());

        var rows = await command.ReadRowsAsync(row => (MsgId: row.GetString(0), Routed: row.GetInt64(1)), cancellationToken);
        if (rows.Count > 0 && rows[0].Routed > 0)
        {
            await QueueNotifications.MessagesReadyAsync(connection, db, cancellationToken);
        }

        var inserted = rows.Select(r => r.MsgId).ToHashSet(StringComparer.Ordinal);
        return [.. fires.Where(f => inserted.Contains(f.MsgId))];
    }
}
