using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Sqlite.Database;
using TaskCenter.Storage.Sqlite.TaskStore;

namespace TaskCenter.Storage.Sqlite.Ledger;

/// <summary>
/// The fire ledger on SQLite: fires, deliveries, the outbox and the subscriptions in the one file, each transaction one
/// write on the single writer (<see cref="SqliteDatabase"/>). Two things live in memory beside the file, both changed
/// only right after the commit that changed the file, before any later write:
/// <list type="bullet">
/// <item>the committed subscriptions, as the routing index (<see cref="SubscriptionIndex"/>): loaded at start, swapped
/// after a subscription change, read under the writer lock by each recording;</item>
/// <item>the fresh deliveries (<see cref="ReadyDeliveryCache"/>), handed out from memory when they fall due, their leases
/// written right behind (<see cref="CachedHandOver"/>). Everything else (retries, expired leases, backlogs beyond the
/// cache) is leased from the file, at least every <see cref="DatabasePathInterval"/> while the cache keeps answering.</item>
/// </list>
/// One process owns the file, so one engine pass and one outbox publish at a time in this process is all the
/// exclusivity needed.
/// </summary>
internal sealed class SqliteFireLedger : IFireLedger, IDisposable
{
    /// <summary>While the cache keeps answering a group's polls, the database path still runs this often (retries, expired leases).</summary>
    private static readonly TimeSpan DatabasePathInterval = TimeSpan.FromMilliseconds(100);

    private readonly SqliteDatabase _db;
    private readonly FireRouting _routing;
    private readonly QueueOptions _queue;
    private readonly LimitOptions _limits;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReadyDeliveryCache _ready;
    private readonly CachedHandOver _handOver;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastDatabasePath = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private SubscriptionIndex _subscriptions = SubscriptionIndex.Empty;

    public SqliteFireLedger(SqliteDatabase db, SqliteStorageOptions options, LedgerSettings settings)
    {
        _db = db;
        _routing = settings.Routing;
        _queue = settings.Queue;
        _limits = settings.Limits;
        _time = settings.Time;
        _logger = settings.Logger;
        _ready = new ReadyDeliveryCache(options.ReadyCacheSize, options.ReadyCacheBytes);
        _handOver = new CachedHandOver(db, _ready);
    }

    /// <summary>The committed subscriptions; written only on the writer, right after the commit that changed them.</summary>
    private SubscriptionIndex Subscriptions
    {
        get => Volatile.Read(ref _subscriptions);
        set => Volatile.Write(ref _subscriptions, value);
    }

    public void Dispose() => _publishing.Dispose();

    // ---- The engine ----

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _db.InitializeAsync(cancellationToken);
        var (index, suspended) = await _db.WriteAsync(
            (connection, transaction) => GroupRows.Load(connection, transaction, _limits), cancellationToken);
        Subscriptions = index;
        foreach (var (group, patterns) in suspended)
        {
            SubscriptionLimits.LogSuspended(_logger, group, patterns, _limits);
        }
    }

    public Task<DateTimeOffset?> GetEarliestFireAsync(CancellationToken cancellationToken) =>
        _db.ReadAsync(connection => connection.Command(TaskCommands.EarliestFire).ReadTime(), cancellationToken);

    public Task<int> CountDueAsync(DateTimeOffset dueBy, int cap, CancellationToken cancellationToken) =>
        cap <= 0
            ? Task.FromResult(0)
            : _db.ReadAsync(
                connection =>
                {
                    using var command = connection.Command(TaskCommands.CountDue).With("@dueBy", dueBy.ToUnixMs()).With("@cap", cap);
                    return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                },
                cancellationToken);

    /// <summary>
    /// One writer serves this file and one engine runs per process, so reading the due tasks and committing them apart
    /// is safe: the commit's version check drops any task changed in between.
    /// </summary>
    public async Task<DueBatch> FireDueAsync(
        DateTimeOffset dueBy, int limit, Func<IReadOnlyList<ScheduledTask>, IReadOnlyList<TaskAdvance>> plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        List<ScheduledTask> due = limit <= 0 ? [] : await _db.ReadAsync(connection => ReadDue(connection, dueBy, limit), cancellationToken);
        if (due.Count == 0)
        {
            return new DueBatch(0, []);
        }

        return new DueBatch(due.Count, await CommitAsync(plan(due), cancellationToken));
    }

    public async Task<IReadOnlyList<FireRecord>> CommitAsync(IReadOnlyList<TaskAdvance> advances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(advances);
        if (advances.Count == 0)
        {
            return [];
        }

        var (recorded, _) = await _db.WriteAsync(
            // Read under the writer lock: routing matches the committed subscriptions exactly.
            (connection, transaction) => FireRecorder.Commit(
                connection, transaction, advances, _routing == FireRouting.BuiltInQueue ? Subscriptions : null),
            // After the commit and before any later write: a lease on the database path must find them cached.
            result => _ready.Add(result.Routed),
            cancellationToken);
        return recorded;
    }

    /// <summary>
    /// Withdraws, inside a task store's delete, the deleted tasks' fires not due yet (<see cref="FutureFireWithdrawal"/>);
    /// the ready cache forgets everything, since some of its entries may be withdrawn: the database path delivers the rest.
    /// </summary>
    internal void WithdrawFutureFires(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> taskIds, DateTimeOffset now)
    {
        _ready.Clear();
        FutureFireWithdrawal.Run(connection, transaction, taskIds, now);
    }

    // ---- The built-in queue ----

    public async Task<SubscribeResult> SubscribeAsync(string group, TagFilter tags, string? owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(tags);
        while (true)
        {
            // Decided from the committed subscriptions: an unchanged one keeps polls off the writer.
            var index = Subscriptions;
            var change = SubscriptionRule.Compare(index.FilterOf(group)?.Expression, tags);
            if (change == SubscriptionChange.Unchanged)
            {
                return SubscribeResult.Subscribed;
            }

            if (change == SubscriptionChange.NewGroup
                && SubscriptionLimits.RoomForNewGroup(index.Count, owner is null ? 0 : index.CountOwnedBy(owner), owner, _limits) is { } refused)
            {
                return refused;
            }

            // The next index is made here, off the writer, in time proportional to this subscription; the write only
            // stores the subscription, hands kept fires over and swaps the index in, unless another change came first.
            var next = index.With(group, tags, owner);
            var written = await _db.WriteAsync(
                (connection, transaction) =>
                {
                    if (Subscriptions != index)
                    {
                        return false;
                    }

                    using (var upsert = connection.Command(QueueCommands.UpsertGroup, transaction)
                        .With("@group", group).With("@filter", tags.Expression).With("@now", now.ToUnixMs()).With("@owner", owner))
                    {
                        upsert.ExecuteNonQuery();
                    }

                    GroupRows.HandOverUnrouted(connection, transaction, group, tags, _queue.UnroutedKeptSince(now));
                    return true;
                },
                changed =>
                {
                    if (changed)
                    {
                        Subscriptions = next;
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
        return _db.ReadAsync(connection => GroupRows.List(connection, afterGroup, new ConsumerGroupPage(limit, include)), cancellationToken);
    }

    public Task<GroupRemoval?> DeleteGroupAsync(string group, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        return _db.WriteAsync(
            (connection, transaction) =>
            {
                _ready.ForgetGroup(group);
                return GroupRows.Delete(connection, transaction, group);
            },
            removed =>
            {
                if (removed?.Subscription is not null)
                {
                    Subscriptions = Subscriptions.Without(group);
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
            (connection, transaction) => new LeaseBatch(connection, transaction, group, now, _queue)
                .Take(wanted, budget, lease, msgId => _ready.Claim(group, msgId)),
            cancellationToken);
        messages.AddRange(leased);
        return messages;
    }

    public async Task<DateTimeOffset?> GetNextReadyAsync(string group, CancellationToken cancellationToken)
    {
        // Rows handed out from the cache read as ready until their leases are written: wait for that first.
        await _handOver.LeasesWrittenAsync(group).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        return await _db.ReadAsync(connection => connection.Command(QueueCommands.NextReady).With("@group", group).ReadTime(), cancellationToken);
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

    public Task<NackOutcome> NackAsync(
        string group, string msgId, string? failure, DateTimeOffset? retryAt, DateTimeOffset now, CancellationToken cancellationToken) =>
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

                var decision = NackRule.Decide(delivery, failure, now, _queue, retryAt);
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

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string group, int limit, string? afterMsgId, CancellationToken cancellationToken) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<DeadLetter>>([])
            : _db.ReadAsync<IReadOnlyList<DeadLetter>>(
                connection => DeadLetterRows.List(connection, group, afterMsgId, new ResponseBudget(limit, _limits.MaxResponseBytes), limit),
                cancellationToken);

    public Task<IReadOnlyList<string>> RedriveAsync(string group, IReadOnlyList<string>? msgIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        _db.WriteAsync<IReadOnlyList<string>>(
            (connection, transaction) => DeadLetterRows.Change(
                connection, transaction, group, msgIds, QueueCommands.RedriveOne, QueueCommands.RedriveAll, RedriveRule.Reset(now)),
            cancellationToken);

    public Task<IReadOnlyList<string>> PurgeDeadLettersAsync(string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken) =>
        _db.WriteAsync<IReadOnlyList<string>>(
            (connection, transaction) => DeadLetterRows.Change(
                connection, transaction, group, msgIds, QueueCommands.PurgeDeadOne, QueueCommands.PurgeDeadAll, reset: null),
            cancellationToken);

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            (connection, transaction) =>
            {
                int unrouted;
                using (var purge = connection.Command(QueueCommands.PurgeUnrouted, transaction)
                    .With("@before", _queue.UnroutedKeptSince(now).ToUnixMs()))
                {
                    unrouted = purge.ExecuteNonQuery();
                }

                var historyBefore = _queue.HistoryKeptSince(now).ToUnixMs();
                foreach (var sql in new[] { QueueCommands.PurgeHistoryOutcomes, QueueCommands.PurgeHistory })
                {
                    using var history = connection.Command(sql, transaction).With("@before", historyBefore);
                    history.ExecuteNonQuery();
                }

                return unrouted;
            },
            cancellationToken);

    // ---- An external transport ----

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
                DeadLetterRows.Add(connection, transaction, letters);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Read on a reader, handed to the transport, and marked published on the writer once it returns; one publish at a
    /// time in this process keeps fires going out in fire-time order.
    /// </summary>
    public async Task<int> PublishDueAsync(
        DateTimeOffset dueBy, int limit, Func<IReadOnlyList<FireRecord>, CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publish);
        if (limit <= 0)
        {
            return 0;
        }

        await _publishing.WaitAsync(cancellationToken);
        try
        {
            var fires = await _db.ReadAsync(connection => OutboxRows.ReadDue(connection, dueBy, limit), cancellationToken);
            if (fires.Count == 0)
            {
                return 0;
            }

            await publish(fires, cancellationToken);

            // Published: not cancelable any more, or the fires would go out twice. Marked when the transport returned.
            await _db.WriteAsync(
                (connection, transaction) => OutboxRows.MarkPublished(connection, transaction, fires, _time.GetUtcNow()), CancellationToken.None);
            return fires.Count;
        }
        finally
        {
            _publishing.Release();
        }
    }

    public Task<DateTimeOffset?> GetNextUnpublishedAsync(CancellationToken cancellationToken) =>
        _db.ReadAsync(connection => connection.Command(OutboxCommands.Earliest).ReadTime(), cancellationToken);

    public Task<long> CountUnpublishedAsync(long cap, CancellationToken cancellationToken) =>
        cap <= 0
            ? Task.FromResult(0L)
            : _db.ReadAsync(
                connection =>
                {
                    using var command = connection.Command(OutboxCommands.Count).With("@cap", cap);
                    return (long)command.ExecuteScalar()!;
                },
                cancellationToken);

    /// <summary>The due tasks, earliest first (the first half of <see cref="FireDueAsync"/>).</summary>
    private static List<ScheduledTask> ReadDue(SqliteConnection connection, DateTimeOffset dueBy, int limit)
    {
        using var command = connection.Command(TaskCommands.Due).With("@dueBy", dueBy.ToUnixMs()).With("@limit", limit);
        using var reader = command.ExecuteReader();
        var tasks = new List<ScheduledTask>();
        while (reader.Read())
        {
            tasks.Add(TaskRowMapper.Read(reader));
        }

        return tasks;
    }

    private static bool IsNotHandedOut(SqliteConnection connection, SqliteTransaction transaction, string group, string msgId)
    {
        using var find = connection.Command(QueueCommands.NotHandedOut, transaction).With("@group", group).With("@msgId", msgId);
        return find.ExecuteScalar() is not null;
    }

    /// <summary>Thrown inside an ack's write to roll it back.</summary>
    private sealed class AckRefusedException(string msgId) : Exception
    {
        public string MsgId { get; } = msgId;
    }
}
