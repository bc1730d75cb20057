using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.QueueStore;

/// <summary>
/// The built-in queue on SQLite: consumer groups, deliveries (ready, leased, dead) and dead letters. Fresh fires are
/// handed out from the <see cref="ReadyDeliveryCache"/> when they fall due, everything else (retries, expired leases,
/// backlogs beyond the cache) through the database.
/// </summary>
internal sealed class SqliteQueueStore : IQueueStore
{
    private const string Nacked = "nacked";

    /// <summary>While the cache keeps answering a group's polls, the database path still runs this often (retries, expired leases).</summary>
    private static readonly TimeSpan DatabasePathInterval = TimeSpan.FromMilliseconds(100);

    private readonly SqliteDatabase _db;
    private readonly SubscriptionCache _subscriptions;
    private readonly ReadyDeliveryCache _ready;
    private readonly CachedHandOver _handOver;
    private readonly QueueOptions _options;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastDatabasePath = new(StringComparer.Ordinal);

    public SqliteQueueStore(SqliteDatabase db, SubscriptionCache subscriptions, ReadyDeliveryCache ready, QueueOptions options)
    {
        _db = db;
        _subscriptions = subscriptions;
        _ready = ready;
        _handOver = new CachedHandOver(db, ready);
        _options = options;
    }

    public Task SubscribeAsync(string group, TagFilter tags, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(tags);

        // Unchanged subscription: every fire it matches was routed when recorded (or handed over when it was first
        // made), so there is nothing to write. Consumers re-subscribe on every poll; this keeps polls off the writer.
        if (IsCurrent(group, tags))
        {
            return Task.CompletedTask;
        }

        return _db.WriteAsync(
            (connection, transaction) =>
            {
                if (IsCurrent(group, tags))
                {
                    return false;
                }

                using (var upsert = connection.Command(QueueCommands.UpsertGroup, transaction)
                    .With("@group", group).With("@filter", tags.ToString()).With("@now", now.ToUnixMs()))
                {
                    upsert.ExecuteNonQuery();
                }

                HandOverUnrouted(connection, transaction, group, tags, now);
                return true;
            },
            changed =>
            {
                if (changed)
                {
                    _subscriptions.Current = _subscriptions.Current.With(group, tags);
                }
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<QueueMessage>> LeaseAsync(
        string group, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        if (max <= 0)
        {
            return [];
        }

        var messages = _handOver.Take(group, max, lease, now);
        if (messages.Count == max || (messages.Count > 0 && now - _lastDatabasePath.GetValueOrDefault(group) < DatabasePathInterval))
        {
            return messages;
        }

        _lastDatabasePath[group] = now;

        // Long-polling consumers mostly find nothing: answer that from a reader, off the writer the engine needs.
        // A message committed after this snapshot is announced by the queue's signal, and the poller comes back.
        var anyAvailable = await _db.ReadAsync(
            connection =>
            {
                using var probe = connection.Command(QueueCommands.AnyAvailable).With("@group", group).With("@now", now.ToUnixMs());
                return probe.ExecuteScalar() is not null;
            },
            cancellationToken);
        if (!anyAvailable)
        {
            return messages;
        }

        var wanted = max - messages.Count;
        var leased = await _db.WriteAsync(
            (connection, transaction) => new LeaseBatch(connection, transaction, group, now, _options.MaxRetries)
                .Take(wanted, lease, msgId => _ready.Claim(group, msgId)),
            cancellationToken);
        messages.AddRange(leased);
        return messages;
    }

    public async Task<DateTimeOffset?> GetNextReadyAsync(string group, CancellationToken cancellationToken)
    {
        // Rows handed out from the cache read as ready until their leases are written: wait for that first.
        await _handOver.LeasesWrittenAsync(group).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        return await _db.ReadAsync(
            connection =>
            {
                using var command = connection.Command(QueueCommands.NextReady).With("@group", group);
                return command.ExecuteScalar() is long ms ? UnixTime.FromUnixMs(ms) : (DateTimeOffset?)null;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<string>> AckAsync(string group, IReadOnlyList<string> msgIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(msgIds);
        if (msgIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        return _db.WriteAsync<IReadOnlyList<string>>(
            (connection, transaction) =>
            {
                // A ready message may be acked before it was ever leased: the cache must not hand it out afterwards.
                _ready.Forget(group, msgIds);

                // The commonest write after the fire itself: its statements stay prepared on the writer.
                var outcome = _db.Reused(connection, QueueCommands.RecordAckOutcome, transaction)
                    .With("@group", group).With("@now", now.ToUnixMs());
                var outcomeMsgId = outcome.Parameter("@msgId", SqliteType.Text);
                var ack = _db.Reused(connection, QueueCommands.Ack, transaction).With("@group", group);
                var ackMsgId = ack.Parameter("@msgId", SqliteType.Text);
                var acked = new List<string>();
                foreach (var id in msgIds)
                {
                    outcomeMsgId.Set(id);
                    outcome.ExecuteNonQuery();
                    ackMsgId.Set(id);
                    if (ack.ExecuteNonQuery() > 0)
                    {
                        acked.Add(id);
                    }
                }

                return acked;
            },
            cancellationToken);
    }

    public Task<NackOutcome> NackAsync(string group, string msgId, string? failure, DateTimeOffset now, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            (connection, transaction) =>
            {
                _ready.Forget(group, [msgId]); // Nacked while still ready: it now waits for its retry time.
                using var find = connection.Command(QueueCommands.PendingAttempt, transaction)
                    .With("@group", group).With("@msgId", msgId);
                if (find.ExecuteScalar() is not long attempt)
                {
                    return new NackOutcome(NackResult.NotFound);
                }

                var error = string.IsNullOrEmpty(failure) ? Nacked : failure;
                if (attempt > _options.MaxRetries)
                {
                    using var dead = connection.Command(QueueCommands.MarkDead, transaction)
                        .With("@group", group).With("@msgId", msgId).With("@now", now.ToUnixMs()).With("@error", error);
                    dead.ExecuteNonQuery();
                    return new NackOutcome(NackResult.DeadLettered);
                }

                var retryAt = UnixTime.FromUnixMs((now + _options.DelayBeforeRetry((int)attempt)).ToUnixMs());
                using var retry = connection.Command(QueueCommands.MarkRetry, transaction)
                    .With("@group", group).With("@msgId", msgId).With("@retryAt", retryAt.ToUnixMs()).With("@error", error);
                retry.ExecuteNonQuery();
                return new NackOutcome(NackResult.Retrying, retryAt);
            },
            cancellationToken);

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(
        string group, int limit, string? afterMsgId, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<DeadLetter>>([]);
        }

        return _db.ReadAsync<IReadOnlyList<DeadLetter>>(
            connection =>
            {
                SqliteCommand command;
                if (afterMsgId is null)
                {
                    command = connection.Command(QueueCommands.DeadLettersFirst);
                }
                else
                {
                    using var cursor = connection.Command(QueueCommands.FireTimeOf).With("@msgId", afterMsgId);
                    if (cursor.ExecuteScalar() is not long afterFireTime)
                    {
                        return []; // The cursor's fire is gone from history: nothing can be placed after it.
                    }

                    command = connection.Command(QueueCommands.DeadLettersAfter)
                        .With("@afterFireTime", afterFireTime).With("@afterMsgId", afterMsgId);
                }

                using (command)
                {
                    command.With("@group", group).With("@limit", limit);
                    var letters = new List<DeadLetter>();
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        letters.Add(QueueRowMapper.ReadDeadLetter(reader, group));
                    }

                    return letters;
                }
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<string>> RedriveAsync(
        string group, IReadOnlyList<string>? msgIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        _db.WriteAsync<IReadOnlyList<string>>(
            (connection, transaction) => msgIds is null
                ? ForAllDead(connection, transaction, QueueCommands.RedriveAll, group, now)
                : ForEachId(connection, transaction, QueueCommands.RedriveOne, group, msgIds, now),
            cancellationToken);

    public Task<IReadOnlyList<string>> PurgeDeadLettersAsync(
        string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken) =>
        _db.WriteAsync<IReadOnlyList<string>>(
            (connection, transaction) => msgIds is null
                ? ForAllDead(connection, transaction, QueueCommands.PurgeDeadAll, group, null)
                : ForEachId(connection, transaction, QueueCommands.PurgeDeadOne, group, msgIds, null),
            cancellationToken);

    public Task AddDeadLettersAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        if (letters.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _db.WriteAsync(
            (connection, transaction) =>
            {
                foreach (var letter in letters)
                {
                    using var fire = connection.Command(QueueCommands.InsertDeadLetterFire, transaction)
                        .With("@msgId", letter.MsgId).With("@taskId", letter.TaskId).With("@name", letter.Name).With("@data", letter.Data)
                        .With("@fireTime", letter.FireTime.ToUnixMs()).With("@deadAt", letter.DeadAt.ToUnixMs());
                    fire.ExecuteNonQuery();
                    using var dead = connection.Command(QueueCommands.InsertDeadDelivery, transaction)
                        .With("@group", letter.Group).With("@msgId", letter.MsgId).With("@attempt", letter.Attempts)
                        .With("@fireTime", letter.FireTime.ToUnixMs()).With("@error", letter.LastError)
                        .With("@deadAt", letter.DeadAt.ToUnixMs());
                    dead.ExecuteNonQuery();
                }

                return true;
            },
            cancellationToken);
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            (connection, transaction) =>
            {
                int unrouted;
                using (var purge = connection.Command(QueueCommands.PurgeUnrouted, transaction)
                    .With("@before", (now - _options.UnroutedRetention).ToUnixMs()))
                {
                    unrouted = purge.ExecuteNonQuery();
                }

                var historyBefore = (now - _options.FireHistoryRetention).ToUnixMs();
                foreach (var sql in new[] { QueueCommands.PurgeHistoryOutcomes, QueueCommands.PurgeHistory })
                {
                    using var history = connection.Command(sql, transaction).With("@before", historyBefore);
                    history.ExecuteNonQuery();
                }

                return unrouted;
            },
            cancellationToken);

    private bool IsCurrent(string group, TagFilter tags) =>
        _subscriptions.Current.FilterOf(group) is { } current && current.ToString() == tags.ToString();

    /// <summary>Gives the group every kept (unrouted, not expired) fire its filter matches, and marks them routed.</summary>
    private void HandOverUnrouted(SqliteConnection connection, SqliteTransaction transaction, string group, TagFilter tags, DateTimeOffset now)
    {
        var since = (now - _options.UnroutedRetention).ToUnixMs();
        if (tags.MatchesAll)
        {
            using var route = connection.Command(QueueCommands.RouteUnroutedAll, transaction).With("@group", group).With("@since", since);
            route.ExecuteNonQuery();
            using var mark = connection.Command(QueueCommands.MarkRoutedAll, transaction).With("@since", since);
            mark.ExecuteNonQuery();
            return;
        }

        using var routeTag = connection.Command(QueueCommands.RouteUnroutedByTag, transaction).With("@group", group).With("@since", since);
        var routeTagParameter = routeTag.Parameter("@tag", SqliteType.Text);
        using var markTag = connection.Command(QueueCommands.MarkRoutedByTag, transaction).With("@since", since);
        var markTagParameter = markTag.Parameter("@tag", SqliteType.Text);
        foreach (var tag in tags.Tags)
        {
            routeTagParameter.Set(tag);
            routeTag.ExecuteNonQuery();
            markTagParameter.Set(tag);
            markTag.ExecuteNonQuery();
        }
    }

    /// <summary>Runs a per-message statement for each id, in the order given; returns the ids it changed.</summary>
    private static List<string> ForEachId(
        SqliteConnection connection, SqliteTransaction transaction, string sql, string group, IReadOnlyList<string> msgIds, DateTimeOffset? now)
    {
        using var command = connection.Command(sql, transaction).With("@group", group);
        if (now is { } time)
        {
            command.With("@now", time.ToUnixMs());
        }

        var msgId = command.Parameter("@msgId", SqliteType.Text);
        var changed = new List<string>();
        foreach (var id in msgIds)
        {
            msgId.Set(id);
            if (command.ExecuteNonQuery() > 0)
            {
                changed.Add(id);
            }
        }

        return changed;
    }

    /// <summary>Lists the group's dead letters (oldest fire first), then runs the set-wide statement on them.</summary>
    private static List<string> ForAllDead(
        SqliteConnection connection, SqliteTransaction transaction, string sql, string group, DateTimeOffset? now)
    {
        List<string> ids;
        using (var list = connection.Command(QueueCommands.DeadIds, transaction).With("@group", group))
        {
            ids = list.ReadStrings();
        }

        using var command = connection.Command(sql, transaction).With("@group", group);
        if (now is { } time)
        {
            command.With("@now", time.ToUnixMs());
        }

        command.ExecuteNonQuery();
        return ids;
    }
}
