using Npgsql;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres.Database;
using TaskCenter.Storage.Postgres.TaskStore;

namespace TaskCenter.Storage.Postgres.Ledger;

/// <summary>
/// The fire ledger on PostgreSQL, shared by every server instance on the database. What is taken for work (due tasks,
/// leases, outbox fires) is locked with SKIP LOCKED, so instances split the work and never do the same twice. Fires
/// are routed in the statement that records them, set-based, by the subscriptions committed now whichever instance
/// changed them (<see cref="FireRecorder"/>); whatever makes messages ready notifies every instance's waiting consumers
/// (<see cref="QueueNotifications"/>).
/// </summary>
internal sealed class PostgresFireLedger(PostgresDatabase db, LedgerSettings settings) : IFireLedger
{
    // ---- The engine ----

    /// <summary>
    /// Creates or migrates the schema, then, under the routing lock: replaces the stored subscriptions over the limit by
    /// one that matches nothing (saying so once per group), and writes the pattern rows of subscriptions stored before
    /// they existed.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await db.InitializeAsync(cancellationToken);
        var suspended = await db.RunInTransactionAsync(
            async connection =>
            {
                await using var batch = connection.Batch(
                    new NpgsqlBatchCommand(AdvisoryLocks.Exclusive).With("@lock", db.Locks.Routing),
                    new NpgsqlBatchCommand(QueueCommands.SuspendOversized).With("@maxPatterns", settings.Limits.MaxTagsPerSubscription),
                    new NpgsqlBatchCommand(QueueCommands.IndexUnindexed));
                var oversized = new List<(string Group, long Patterns)>();
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                await reader.NextResultAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    oversized.Add((reader.GetString(0), reader.GetInt64(1)));
                }

                return oversized;
            },
            cancellationToken);
        foreach (var (group, patterns) in suspended)
        {
            SubscriptionLimits.LogSuspended(settings.Logger, group, patterns, settings.Limits);
        }
    }

    public Task<DateTimeOffset?> GetEarliestFireAsync(CancellationToken cancellationToken) =>
        db.RunAsync(connection => connection.Command(TaskCommands.EarliestFire).ReadTimeAsync(cancellationToken), cancellationToken);

    public Task<int> CountDueAsync(DateTimeOffset dueBy, int cap, CancellationToken cancellationToken) =>
        cap <= 0
            ? Task.FromResult(0)
            : db.RunAsync(
                async connection =>
                {
                    await using var command = connection.Command(TaskCommands.CountDue).With("@dueBy", dueBy.ToUnixMs()).With("@cap", cap);
                    return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
                },
                cancellationToken);

    /// <summary>
    /// Takes the due tasks with their rows locked (skipping those another instance holds), plans them and commits the
    /// advances in that same transaction: each fire is produced once however many instances run, and they split the work.
    /// </summary>
    public Task<DueBatch> FireDueAsync(
        DateTimeOffset dueBy, int limit, Func<IReadOnlyList<ScheduledTask>, IReadOnlyList<TaskAdvance>> plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (limit <= 0)
        {
            return Task.FromResult(new DueBatch(0, []));
        }

        return db.RunInTransactionAsync(
            async connection =>
            {
                var due = await connection.Command(TaskCommands.LockDue).With("@dueBy", dueBy.ToUnixMs()).With("@limit", limit)
                    .ReadRowsAsync(TaskRowMapper.Read, cancellationToken);
                if (due.Count == 0)
                {
                    return new DueBatch(0, []);
                }

                var advances = plan(due);
                var recorded = advances.Count == 0 ? [] : await FireRecorder.CommitAsync(connection, db, settings.Routing, advances, cancellationToken);
                return new DueBatch(due.Count, recorded);
            },
            cancellationToken);
    }

    /// <summary>Applies advances of tasks read earlier, without holding them: the version check drops any changed since.</summary>
    public Task<IReadOnlyList<FireRecord>> CommitAsync(IReadOnlyList<TaskAdvance> advances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(advances);
        if (advances.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<FireRecord>>([]);
        }

        return db.RunInTransactionAsync(connection => FireRecorder.CommitAsync(connection, db, settings.Routing, advances, cancellationToken), cancellationToken);
    }

    /// <summary>Withdraws, inside a task store's delete, the deleted tasks' fires not due yet, with their deliveries.</summary>
    internal static async Task WithdrawFutureFiresAsync(
        NpgsqlConnection connection, IReadOnlyList<string> taskIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var withdraw = connection.Command(QueueCommands.WithdrawFutureFires).With("@taskIds", taskIds.ToArray()).With("@now", now.ToUnixMs());
        await withdraw.ExecuteNonQueryAsync(cancellationToken);
    }

    // ---- The built-in queue ----

    public Task<SubscribeResult> SubscribeAsync(string group, TagFilter tags, string? owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(tags);
        return db.RunInTransactionAsync(
            async connection =>
            {
                // An unchanged subscription is answered by this read alone: no lock, nothing written.
                if (SubscriptionRule.Compare(await ReadFilterAsync(connection, group, cancellationToken), tags) == SubscriptionChange.Unchanged)
                {
                    return SubscribeResult.Subscribed;
                }

                // The exclusive routing lock before deciding again: recordings in flight finish before the hand-over
                // looks for kept fires, and later ones route by the new subscription (AdvisoryLocks.Routing). It also
                // makes subscription changes one at a time, so the group counts below stay true until the commit.
                await using (var exclusive = connection.Command(AdvisoryLocks.Exclusive).With("@lock", db.Locks.Routing))
                {
                    await exclusive.ExecuteNonQueryAsync(cancellationToken);
                }

                var change = SubscriptionRule.Compare(await ReadFilterAsync(connection, group, cancellationToken), tags);
                if (change == SubscriptionChange.Unchanged)
                {
                    return SubscribeResult.Subscribed;
                }

                if (change == SubscriptionChange.NewGroup && await RefusalAsync(connection, owner, cancellationToken) is { } refused)
                {
                    return refused;
                }

                await using var batch = connection.Batch(
                    new NpgsqlBatchCommand(QueueCommands.UpsertGroup)
                        .With("@group", group).With("@filter", tags.Expression).With("@owner", owner).With("@now", now.ToUnixMs()),
                    new NpgsqlBatchCommand(QueueCommands.DeletePatterns).With("@group", group),
                    new NpgsqlBatchCommand(QueueCommands.InsertPatterns)
                        .With("@group", group).With("@patterns", tags.Patterns.Select(p => p.ToString()).ToArray()),
                    new NpgsqlBatchCommand(QueueCommands.HandOver)
                        .With("@group", group)
                        .With("@firsts", tags.Patterns.Select(p => p.First).ToArray())
                        .With("@lasts", tags.Patterns.Select(p => p.Last).ToArray())
                        .With("@since", settings.Queue.UnroutedKeptSince(now).ToUnixMs()));
                await batch.ExecuteNonQueryAsync(cancellationToken);
                if (batch.BatchCommands[^1].RecordsAffected > 0)
                {
                    await QueueNotifications.MessagesReadyAsync(connection, db, cancellationToken);
                }

                return SubscribeResult.Subscribed;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ConsumerGroup>> ListGroupsAsync(string? afterGroup, int limit, Func<string, bool> include, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(include);
        return db.RunAsync<IReadOnlyList<ConsumerGroup>>(
            async connection =>
            {
                var page = new ConsumerGroupPage(limit, include);
                await using var command = connection.Command(QueueCommands.ListGroups).With("@after", afterGroup ?? "");
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (!page.IsFull && await reader.ReadAsync(cancellationToken))
                {
                    page.Offer(reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), UnixTime.FromUnixMs(reader.GetInt64(3)));
                }

                return page.Groups;
            },
            cancellationToken);
    }

    public Task<GroupRemoval?> DeleteGroupAsync(string group, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        return db.RunInTransactionAsync(
            async connection =>
            {
                // Under the exclusive routing lock, so no recording routes a fire to the group while it goes.
                await using var batch = connection.Batch(
                    new NpgsqlBatchCommand(AdvisoryLocks.Exclusive).With("@lock", db.Locks.Routing),
                    new NpgsqlBatchCommand(QueueCommands.DeleteGroup).With("@group", group));
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                var filter = reader.GetNullableString(0);
                var (pending, dead) = (reader.GetInt64(1), reader.GetInt64(2));
                return GroupRemoval.Of(group, filter, pending, dead);
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
            async connection => await new LeaseBatch(connection, group, now, settings.Queue)
                .TakeAsync(max, new ResponseBudget(max, settings.Limits.MaxResponseBytes), lease, cancellationToken),
            cancellationToken);
    }

    public Task<DateTimeOffset?> GetNextReadyAsync(string group, CancellationToken cancellationToken) =>
        db.RunAsync(connection => connection.Command(QueueCommands.NextReady).With("@group", group).ReadTimeAsync(cancellationToken), cancellationToken);

    public async Task<AckOutcome> AckAsync(string group, IReadOnlyList<string> msgIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(msgIds);
        if (msgIds.Count == 0)
        {
            return new AckOutcome([]);
        }

        var rows = await db.RunAsync(
            connection => connection.Command(QueueCommands.Ack).With("@group", group).With("@msgIds", msgIds.ToArray()).With("@now", now.ToUnixMs())
                .ReadRowsAsync(row => (MsgId: row.GetString(0), Refused: row.GetBoolean(1)), cancellationToken),
            cancellationToken);
        var refused = rows.Where(r => r.Refused).Select(r => r.MsgId).ToHashSet(StringComparer.Ordinal);
        return refused.Count > 0
            ? AckOutcome.Refused(msgIds.First(refused.Contains))
            : new AckOutcome(InGivenOrder(msgIds, [.. rows.Select(r => r.MsgId)]));
    }

    public Task<NackOutcome> NackAsync(
        string group, string msgId, string? failure, DateTimeOffset? retryAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RunInTransactionAsync(
            async connection =>
            {
                PendingDelivery delivery;
                await using (var find = connection.Command(QueueCommands.LockPendingDelivery).With("@group", group).With("@msgId", msgId))
                await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
                {
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        return new NackOutcome(NackResult.NotFound);
                    }

                    delivery = QueueRowMapper.ReadPending(reader);
                }

                var decision = NackRule.Decide(delivery, failure, now, settings.Queue, retryAt);
                if (!decision.Writes)
                {
                    return decision.Outcome;
                }

                await using var mark = decision.Outcome.Result == NackResult.DeadLettered
                    ? connection.Command(QueueCommands.MarkDead).With("@now", now.ToUnixMs())
                    : connection.Command(QueueCommands.MarkRetry).With("@retryAt", decision.Outcome.RetryAt!.Value.ToUnixMs());
                await mark.With("@group", group).With("@msgId", msgId).With("@error", decision.Error).ExecuteNonQueryAsync(cancellationToken);
                if (decision.Outcome.Result == NackResult.Retrying)
                {
                    await QueueNotifications.MessagesReadyAsync(connection, db, cancellationToken);
                }

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

        return db.RunAsync<IReadOnlyList<DeadLetter>>(
            async connection =>
            {
                await using var command = afterMsgId is null
                    ? connection.Command(QueueCommands.DeadLettersFirst)
                    : connection.Command(QueueCommands.DeadLettersAfter).With("@afterMsgId", afterMsgId);
                command.With("@group", group).With("@limit", limit);
                var budget = new ResponseBudget(limit, settings.Limits.MaxResponseBytes);
                var letters = new List<DeadLetter>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var letter = QueueRowMapper.ReadDeadLetter(reader, group);
                    if (!budget.TryTake(letter.Data))
                    {
                        break;
                    }

                    letters.Add(letter);
                }

                return letters;
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
                var reset = RedriveRule.Reset(now);
                var changed = await command.With("@group", group).With("@attempt", reset.Attempt).With("@availableAt", reset.AvailableAt.ToUnixMs())
                    .ReadRowsAsync(QueueRowMapper.ReadChanged, cancellationToken);
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
                    new NpgsqlBatchCommand(QueueCommands.PurgeUnrouted).With("@before", settings.Queue.UnroutedKeptSince(now).ToUnixMs()),
                    new NpgsqlBatchCommand(QueueCommands.PurgeHistory).With("@before", settings.Queue.HistoryKeptSince(now).ToUnixMs()));
                await batch.ExecuteNonQueryAsync(cancellationToken);
                return batch.BatchCommands[0].RecordsAffected;
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

    /// <summary>
    /// Due fires are locked (skipping those another instance is publishing), handed to the transport and marked
    /// published in that same transaction. An instance that dies mid-publish leaves them unpublished, for another
    /// instance to publish again with the same msgids (at-least-once). Within one publish the fires go out in fire-time
    /// order; instances publishing at once each take the earliest fires not taken by the others.
    /// </summary>
    public Task<int> PublishDueAsync(
        DateTimeOffset dueBy, int limit, Func<IReadOnlyList<FireRecord>, CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publish);
        if (limit <= 0)
        {
            return Task.FromResult(0);
        }

        // Once published, marking them must not be cancelled, or they would go out twice: the commit ignores the token.
        return db.RunInTransactionAsync(
            async connection =>
            {
                var fires = await connection.Command(OutboxCommands.LockDue).With("@dueBy", dueBy.ToUnixMs()).With("@limit", limit)
                    .ReadRowsAsync(QueueRowMapper.ReadOutboxFire, cancellationToken);
                if (fires.Count == 0)
                {
                    return 0;
                }

                await publish(fires, cancellationToken);
                await using var mark = connection.Command(OutboxCommands.MarkPublished)
                    .With("@msgIds", fires.Select(f => f.MsgId).ToArray()).With("@now", settings.Time.GetUtcNow().ToUnixMs());
                await mark.ExecuteNonQueryAsync(CancellationToken.None);
                return fires.Count;
            },
            CancellationToken.None);
    }

    public Task<DateTimeOffset?> GetNextUnpublishedAsync(CancellationToken cancellationToken) =>
        db.RunAsync(connection => connection.Command(OutboxCommands.Earliest).ReadTimeAsync(cancellationToken), cancellationToken);

    public Task<long> CountUnpublishedAsync(long cap, CancellationToken cancellationToken) =>
        cap <= 0
            ? Task.FromResult(0L)
            : db.RunAsync(
                async connection =>
                {
                    await using var command = connection.Command(OutboxCommands.Count).With("@cap", cap);
                    return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
                },
                cancellationToken);

    /// <summary>The ids changed, in the order the caller gave them, each once.</summary>
    private static List<string> InGivenOrder(IReadOnlyList<string> given, List<(string MsgId, long FireTime)> changed) =>
        InGivenOrder(given, [.. changed.Select(c => c.MsgId)]);

    private static List<string> InGivenOrder(IReadOnlyList<string> given, List<string> changed)
    {
        var ids = changed.ToHashSet(StringComparer.Ordinal);
        return [.. given.Distinct(StringComparer.Ordinal).Where(ids.Contains)];
    }

    /// <summary>The group's stored subscription; null when the group does not exist.</summary>
    private static async Task<string?> ReadFilterAsync(NpgsqlConnection connection, string group, CancellationToken cancellationToken)
    {
        await using var read = connection.Command(QueueCommands.FilterOf).With("@group", group);
        return await read.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Why there is no room for a new group of <paramref name="owner"/>; null when there is.</summary>
    private async Task<SubscribeResult?> RefusalAsync(NpgsqlConnection connection, string? owner, CancellationToken cancellationToken)
    {
        await using var count = connection.Command(QueueCommands.GroupCounts).With("@owner", owner);
        await using var reader = await count.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return SubscriptionLimits.RoomForNewGroup(reader.GetInt64(0), reader.GetInt64(1), owner, settings.Limits);
    }

    /// <summary>The ids changed, oldest fire first (the dead letters' listing order).</summary>
    private static List<string> InFireOrder(List<(string MsgId, long FireTime)> changed) =>
        [.. changed.OrderBy(c => c.FireTime).ThenBy(c => c.MsgId, StringComparer.Ordinal).Select(c => c.MsgId)];
}
