using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using TaskCenter.Core.Limits;
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
    /// <summary>While the cache keeps answering a group's polls, the database path still runs this often (retries, expired leases).</summary>
    private static readonly TimeSpan DatabasePathInterval = TimeSpan.FromMilliseconds(100);

    private readonly SqliteDatabase _db;
    private readonly SubscriptionCache _subscriptions;
    private readonly ReadyDeliveryCache _ready;
    private readonly CachedHandOver _handOver;
    private readonly QueueOptions _options;
    private readonly LimitOptions _limits;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastDatabasePath = new(StringComparer.Ordinal);

    public SqliteQueueStore(SqliteDatabase db, SubscriptionCache subscriptions, ReadyDeliveryCache ready, QueueOptions options)
    {
        _db = db;
        _subscriptions = subscriptions;
        _ready = ready;
        _handOver = new CachedHandOver(db, ready);
        _options = options;
        _limits = subscriptions.Limits;
    }

    public async Task<SubscribeResult> SubscribeAsync(string group, TagFilter tags, string? owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(tags);
        while (true)
        {
            // Decided from the committed subscriptions: an unchanged one keeps polls off the writer.
            var index = _subscriptions.Current;
            var change = SubscriptionRule.Compare(index.FilterOf(group)?.Expression, tags);
            if (change == SubscriptionChange.Unchanged)
            {
                return SubscribeResult.Subscribed;
            }

            if (change == SubscriptionChange.NewGroup && Refusal(index, owner) is { } refused)
            {
                return refused;
            }

            // The next index is made here, off the writer, in time proportional to this subscription; the write only
            // stores the subscription, hands kept fires over and swaps the index in, unless another change came first.
            var next = index.With(group, tags, owner);
            var written = await _db.WriteAsync(
                (connection, transaction) =>
                {
                    if (_subscriptions.Current != index)
                    {
                        return false;
                    }

                    using (var upsert = connection.Command(QueueCommands.UpsertGroup, transaction)
                        .With("@group", group).With("@filter", tags.Expression).With("@now", now.ToUnixMs()).With("@owner", owner))
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
                        _subscriptions.Current = next;
                    }
                },
                cancellationToken);
            if (written)
            {
                return SubscribeResult.Subscribed;
            }
        }
    }

    public Task<IReadOnlyList<ConsumerGroup>> ListGroupsAsync(string? afterGroup, int limit, Func<string, bool> include, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(include);
        return _db.ReadAsync<IReadOnlyList<ConsumerGroup>>(
            connection =>
            {
                var groups = new List<ConsumerGroup>();
                using var command = connection.Command(QueueCommands.ListGroups).With("@after", afterGroup ?? "");
                using var reader = command.ExecuteReader();
                while (groups.Count < limit && reader.Read())
                {
                    var name = reader.GetString(0);
                    if (include(name))
                    {
                        groups.Add(ConsumerGroup.Stored(name, reader.GetString(1), reader.GetNullableString(2), UnixTime.FromUnixMs(reader.GetInt64(3))));
                    }
                }

                return groups;
            },
            cancellationToken);
    }

    public async Task<GroupRemoval?> DeleteGroupAsync(string group, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        var removal = await _db.WriteAsync(
            (connection, transaction) =>
            {
                _ready.ForgetGroup(group);
                string? filter;
                using (var delete = connection.Command(QueueCommands.DeleteGroup, transaction).With("@group", group))
                {
                    filter = delete.ExecuteScalar() as string;
                }

                long pending, dead;
                using (var delete = connection.Command(QueueCommands.DeletePending, transaction).With("@group", group))
                {
                    pending = delete.ExecuteNonQuery();
                }

                using (var delete = connection.Command(QueueCommands.DeleteDead, transaction).With("@group", group))
                {
                    dead = delete.ExecuteNonQuery();
                }

                return GroupRemoval.Of(group, filter, pending, dead);
            },
            removed =>
            {
                if (removed?.Subscription is not null)
                {
                    _subscriptions.Current = _subscriptions.Current.Without(group);
                }
            },
            cancellationToken);
        return removal;
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

        var budget = new ResponseBudget(max, _limits.MaxResponseBytes);
        var messages = _handOver.Take(group, max, budget, lease, now);
        if (messages.Count == max || budget.IsFull || (messages.Count > 0 && now - _lastDatabasePath.GetValueOrDefault(group) < DatabasePathInterval))
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
            (connection, transaction) => new LeaseBatch(connection, transaction, group, now, _options)
                .Take(wanted, budget, lease, msgId => _ready.Claim(group, msgId)),
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

    public async Task<AckOutcome> AckAsync(string group, IReadOnlyList<string> msgIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(msgIds);
        if (msgIds.Count == 0)
        {
            return new AckOutcome([]);
        }

        try
        {
            // Rows handed out from the cache are acked after their leases are written: the writer runs that write first.
            return new AckOutcome(await _db.WriteAsync<IReadOnlyList<string>>(
                (connection, transaction) =>
                {
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
                        else if (IsNotHandedOut(connection, transaction, group, id))
                        {
                            throw new AckRefusedException(id); // Rolls back this write: nothing of the call is acked.
                        }
                    }

                    return acked;
                },
                cancellationToken));
        }
        catch (AckRefusedException refused)
        {
            return AckOutcome.Refused(refused.MsgId);
        }
    }

    public Task<NackOutcome> NackAsync(string group, string msgId, string? failure, DateTimeOffset now, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            (connection, transaction) =>
            {
                PendingDelivery delivery;
                using (var find = connection.Command(QueueCommands.PendingDelivery, transaction).With("@group", group).With("@msgId", msgId))
                using (var reader = find.ExecuteReader())
                {
                    if (!reader.Read())
                    {
                        return new NackOutcome(NackResult.NotFound);
                    }

                    delivery = QueueRowMapper.ReadPending(reader);
                }

                var decision = NackRule.Decide(delivery, failure, now, _options);
                if (!decision.Writes)
                {
                    return decision.Outcome;
                }

                using var mark = decision.Outcome.Result == NackResult.DeadLettered
                    ? connection.Command(QueueCommands.MarkDead, transaction).With("@now", now.ToUnixMs())
                    : connection.Command(QueueCommands.MarkRetry, transaction).With("@retryAt", decision.Outcome.RetryAt!.Value.ToUnixMs());
                mark.With("@group", group).With("@msgId", msgId).With("@error", decision.Error).ExecuteNonQuery();
                return decision.Outcome;
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
                    var budget = new ResponseBudget(limit, _limits.MaxResponseBytes);
                    var letters = new List<DeadLetter>();
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        var letter = QueueRowMapper.ReadDeadLetter(reader, group);
                        if (!budget.TryTake(letter.Data))
                        {
                            break;
                        }

                        letters.Add(letter);
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
                ? ForAllDead(connection, transaction, QueueCommands.RedriveAll, group, RedriveRule.Reset(now))
                : ForEachId(connection, transaction, QueueCommands.RedriveOne, group, msgIds, RedriveRule.Reset(now)),
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
                    .With("@before", _options.UnroutedKeptSince(now).ToUnixMs()))
                {
                    unrouted = purge.ExecuteNonQuery();
                }

                var historyBefore = _options.HistoryKeptSince(now).ToUnixMs();
                foreach (var sql in new[] { QueueCommands.PurgeHistoryOutcomes, QueueCommands.PurgeHistory })
                {
                    using var history = connection.Command(sql, transaction).With("@before", historyBefore);
                    history.ExecuteNonQuery();
                }

                return unrouted;
            },
            cancellationToken);

    /// <summary>Why the index has no room for a new group of <paramref name="owner"/>; null when it has.</summary>
    private SubscribeResult? Refusal(SubscriptionIndex index, string? owner) =>
        SubscriptionLimits.RoomForNewGroup(index.Count, owner is null ? 0 : index.CountOwnedBy(owner), owner, _limits);

    private static bool IsNotHandedOut(SqliteConnection connection, SqliteTransaction transaction, string group, string msgId)
    {
        using var find = connection.Command(QueueCommands.NotHandedOut, transaction).With("@group", group).With("@msgId", msgId);
        return find.ExecuteScalar() is not null;
    }

    /// <summary>Gives the group every kept (unrouted, not expired) fire its filter matches, and marks them routed: a range scan per pattern.</summary>
    private void HandOverUnrouted(SqliteConnection connection, SqliteTransaction transaction, string group, TagFilter tags, DateTimeOffset now)
    {
        var since = _options.UnroutedKeptSince(now).ToUnixMs();
        using var route = connection.Command(QueueCommands.RouteUnrouted, transaction).With("@group", group).With("@since", since);
        var routeFirst = route.Parameter("@first", SqliteType.Text);
        var routeLast = route.Parameter("@last", SqliteType.Text);
        using var mark = connection.Command(QueueCommands.MarkRouted, transaction).With("@since", since);
        var markFirst = mark.Parameter("@first", SqliteType.Text);
        var markLast = mark.Parameter("@last", SqliteType.Text);
        foreach (var pattern in tags.Patterns)
        {
            routeFirst.Set(pattern.First);
            routeLast.Set(pattern.Last);
            route.ExecuteNonQuery();
            markFirst.Set(pattern.First);
            markLast.Set(pattern.Last);
            mark.ExecuteNonQuery();
        }
    }

    /// <summary>Runs a per-message statement for each id, in the order given; returns the ids it changed.</summary>
    private static List<string> ForEachId(
        SqliteConnection connection, SqliteTransaction transaction, string sql, string group, IReadOnlyList<string> msgIds, PendingDelivery? reset)
    {
        using var command = WithReset(connection.Command(sql, transaction).With("@group", group), reset);

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
        SqliteConnection connection, SqliteTransaction transaction, string sql, string group, PendingDelivery? reset)
    {
        List<string> ids;
        using (var list = connection.Command(QueueCommands.DeadIds, transaction).With("@group", group))
        {
            ids = list.ReadStrings();
        }

        using var command = WithReset(connection.Command(sql, transaction).With("@group", group), reset);
        command.ExecuteNonQuery();
        return ids;
    }

    /// <summary>Binds what a redrive makes of a dead letter (<see cref="RedriveRule.Reset"/>), when the statement is one.</summary>
    private static SqliteCommand WithReset(SqliteCommand command, PendingDelivery? reset) =>
        reset is { } ready ? command.With("@attempt", ready.Attempt).With("@availableAt", ready.AvailableAt.ToUnixMs()) : command;

    /// <summary>Thrown inside an ack's write to roll it back.</summary>
    private sealed class AckRefusedException(string msgId) : Exception
    {
        public string MsgId { get; } = msgId;
    }
}
