using Npgsql;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.QueueStore;

/// <summary>
/// The built-in queue on PostgreSQL: consumer groups, deliveries (ready, leased, dead) and dead letters, shared by every
/// instance on the database. Leases lock what they take and skip what others are taking, so no message goes to two
/// consumers; whatever makes messages ready notifies every instance's waiting consumers.
/// </summary>
internal sealed class PostgresQueueStore(PostgresDatabase db, QueueOptions options) : IQueueStore
{
    private const string Nacked = "nacked";

    public async Task SubscribeAsync(string group, TagFilter tags, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(tags);
        var filter = tags.ToString();

        // Unchanged subscription: every fire it matches was routed when recorded (or handed over when it was first
        // made), so there is nothing to write. Consumers re-subscribe on every poll; this keeps polls to one read.
        var current = await db.RunAsync(
            async connection =>
            {
                await using var read = connection.Command(QueueCommands.FilterOf).With("@group", group);
                return await read.ExecuteScalarAsync(cancellationToken) as string;
            },
            cancellationToken);
        if (current == filter)
        {
            return;
        }

        await db.RunInTransactionAsync(
            async connection =>
            {
                var since = (now - options.UnroutedRetention).ToUnixMs();
                var handOver = tags.MatchesAll
                    ? new NpgsqlBatchCommand(QueueCommands.HandOverAll)
                    : new NpgsqlBatchCommand(QueueCommands.HandOverByTags).With("@tags", tags.Tags.ToArray());

                // The exclusive routing lock first: recordings in flight finish before the hand-over looks for kept
                // fires, and later ones route by the new subscription (AdvisoryLocks.Routing).
                await using var batch = connection.Batch(
                    new NpgsqlBatchCommand(AdvisoryLocks.Exclusive).With("@lock", db.Locks.Routing),
                    new NpgsqlBatchCommand(QueueCommands.UpsertGroup)
                        .With("@group", group).With("@filter", filter).With("@tags", tags.MatchesAll ? null : tags.Tags.ToArray())
                        .With("@now", now.ToUnixMs()),
                    handOver.With("@group", group).With("@since", since));
                await batch.ExecuteNonQueryAsync(cancellationToken);
                if (handOver.RecordsAffected > 0)
                {
                    await QueueNotifications.MessagesReadyAsync(connection, db, cancellationToken);
                }

                return true;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<QueueMessage>> LeaseAsync(
        string group, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        if (max <= 0)
        {
            return Task.FromResult<IReadOnlyList<QueueMessage>>([]);
        }

        return db.RunInTransactionAsync<IReadOnlyList<QueueMessage>>(
            async connection => await new LeaseBatch(connection, group, now, options.MaxRetries).TakeAsync(max, lease, cancellationToken),
            cancellationToken);
    }

    public Task<DateTimeOffset?> GetNextReadyAsync(string group, CancellationToken cancellationToken) =>
        db.RunAsync(connection => connection.Command(QueueCommands.NextReady).With("@group", group).ReadTimeAsync(cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<string>> AckAsync(string group, IReadOnlyList<string> msgIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(msgIds);
        if (msgIds.Count == 0)
        {
            return [];
        }

        var acked = await db.RunAsync(
            connection => connection.Command(QueueCommands.Ack).With("@group", group).With("@msgIds", msgIds.ToArray()).With("@now", now.ToUnixMs())
                .ReadRowsAsync(QueueRowMapper.ReadChanged, cancellationToken),
            cancellationToken);
        return InGivenOrder(msgIds, acked);
    }

    public Task<NackOutcome> NackAsync(string group, string msgId, string? failure, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RunInTransactionAsync(
            async connection =>
            {
                int attempt;
                await using (var find = connection.Command(QueueCommands.LockPendingAttempt).With("@group", group).With("@msgId", msgId))
                {
                    if (await find.ExecuteScalarAsync(cancellationToken) is not int pending)
                    {
                        return new NackOutcome(NackResult.NotFound);
                    }

                    attempt = pending;
                }

                var error = string.IsNullOrEmpty(failure) ? Nacked : failure;
                if (attempt > options.MaxRetries)
                {
                    await using var dead = connection.Command(QueueCommands.MarkDead)
                        .With("@group", group).With("@msgId", msgId).With("@now", now.ToUnixMs()).With("@error", error);
                    await dead.ExecuteNonQueryAsync(cancellationToken);
                    return new NackOutcome(NackResult.DeadLettered);
                }

                var retryAt = UnixTime.FromUnixMs((now + options.DelayBeforeRetry(attempt)).ToUnixMs());
                await using var retry = connection.Command(QueueCommands.MarkRetry)
                    .With("@group", group).With("@msgId", msgId).With("@retryAt", retryAt.ToUnixMs()).With("@error", error);
                await retry.ExecuteNonQueryAsync(cancellationToken);
                await QueueNotifications.MessagesReadyAsync(connection, db, cancellationToken);
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

        return db.RunAsync<IReadOnlyList<DeadLetter>>(
            async connection =>
            {
                var command = afterMsgId is null
                    ? connection.Command(QueueCommands.DeadLettersFirst)
                    : connection.Command(QueueCommands.DeadLettersAfter).With("@afterMsgId", afterMsgId);
                return await command.With("@group", group).With("@limit", limit)
                    .ReadRowsAsync(row => QueueRowMapper.ReadDeadLetter(row, group), cancellationToken);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<string>> RedriveAsync(
        string group, IReadOnlyList<string>? msgIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var moved = await db.RunInTransactionAsync(
            async connection =>
            {
                var command = msgIds is null
                    ? connection.Command(QueueCommands.RedriveAll)
                    : connection.Command(QueueCommands.RedriveSome).With("@msgIds", msgIds.ToArray());
                var changed = await command.With("@group", group).With("@now", now.ToUnixMs()).ReadRowsAsync(QueueRowMapper.ReadChanged, cancellationToken);
                if (changed.Count > 0)
                {
                    await QueueNotifications.MessagesReadyAsync(connection, db, cancellationToken);
                }

                return changed;
            },
            cancellationToken);
        return msgIds is null ? InFireOrder(moved) : InGivenOrder(msgIds, moved);
    }

    public async Task<IReadOnlyList<string>> PurgeDeadLettersAsync(
        string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken)
    {
        var purged = await db.RunAsync(
            connection =>
            {
                var command = msgIds is null
                    ? connection.Command(QueueCommands.PurgeDeadAll)
                    : connection.Command(QueueCommands.PurgeDeadSome).With("@msgIds", msgIds.ToArray());
                return command.With("@group", group).ReadRowsAsync(QueueRowMapper.ReadChanged, cancellationToken);
            },
            cancellationToken);
        return msgIds is null ? InFireOrder(purged) : InGivenOrder(msgIds, purged);
    }

    public Task AddDeadLettersAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        if (letters.Count == 0)
        {
            return Task.CompletedTask;
        }

        return db.RunAsync(
            async connection =>
            {
                await using var insert = connection.Command(QueueCommands.AddDeadLetters)
                    .With("@groups", letters.Select(l => l.Group).ToArray())
                    .With("@msgIds", letters.Select(l => l.MsgId).ToArray())
                    .With("@taskIds", letters.Select(l => l.TaskId).ToArray())
                    .With("@names", letters.Select(l => l.Name).ToArray())
                    .With("@datas", letters.Select(l => PostgresText.ToPayload(l.Data)).ToArray())
                    .With("@fireTimes", letters.Select(l => l.FireTime.ToUnixMs()).ToArray())
                    .With("@attempts", letters.Select(l => l.Attempts).ToArray())
                    .With("@errors", letters.Select(l => l.LastError).ToArray())
                    .With("@deadAts", letters.Select(l => l.DeadAt.ToUnixMs()).ToArray());
                return await insert.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RunInTransactionAsync(
            async connection =>
            {
                await using (var tryLock = connection.Command(AdvisoryLocks.TryExclusive).With("@lock", db.Locks.Housekeeping))
                {
                    if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
                    {
                        return 0; // Another instance is purging now.
                    }
                }

                await using var batch = connection.Batch(
                    new NpgsqlBatchCommand(QueueCommands.PurgeUnrouted).With("@before", (now - options.UnroutedRetention).ToUnixMs()),
                    new NpgsqlBatchCommand(QueueCommands.PurgeHistory).With("@before", (now - options.FireHistoryRetention).ToUnixMs()));
                await batch.ExecuteNonQueryAsync(cancellationToken);
                return batch.BatchCommands[0].RecordsAffected;
            },
            cancellationToken);

    /// <summary>The ids changed, in the order the caller gave them, each once.</summary>
    private static List<string> InGivenOrder(IReadOnlyList<string> given, List<(string MsgId, long FireTime)> changed)
    {
        var ids = changed.Select(c => c.MsgId).ToHashSet(StringComparer.Ordinal);
        return [.. given.Distinct(StringComparer.Ordinal).Where(ids.Contains)];
    }

    /// <summary>The ids changed, oldest fire first (the dead letters' listing order).</summary>
    private static List<string> InFireOrder(List<(string MsgId, long FireTime)> changed) =>
        [.. changed.OrderBy(c => c.FireTime).ThenBy(c => c.MsgId, StringComparer.Ordinal).Select(c => c.MsgId)];
}
