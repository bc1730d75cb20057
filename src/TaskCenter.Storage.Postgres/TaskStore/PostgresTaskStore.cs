using System.Globalization;
using Npgsql;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres.Database;
using TaskCenter.Storage.Postgres.QueueStore;

namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>Tasks on PostgreSQL: the engine's port (due tasks, commits) and the API's writes, safe for many instances.</summary>
internal sealed class PostgresTaskStore(PostgresDatabase db, FireRouting routing) : ITaskStore
{
    public Task InitializeAsync(CancellationToken cancellationToken) => db.InitializeAsync(cancellationToken);

    public async Task<AddTaskResult> AddAsync(ScheduledTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        return (await AddManyAsync([task], cancellationToken))[0];
    }

    /// <summary>
    /// One transaction, one round trip before the commit: the add locks of every task (equal adds on any instance wait
    /// for each other, so the second finds the first), then <see cref="TaskCommands.AddTasks"/>.
    /// </summary>
    public Task<IReadOnlyList<AddTaskResult>> AddManyAsync(IReadOnlyList<ScheduledTask> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<AddTaskResult>>([]);
        }

        var batch = new TaskAddBatch(tasks);
        return db.RunInTransactionAsync(
            async connection =>
            {
                await using var command = connection.Batch(batch.Locks(db.Locks.Add), batch.Add(db.Channels.Tasks));
                var existing = new List<string?>();
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    await reader.NextResultAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        existing.Add(reader.GetNullableString(0));
                    }
                }

                return batch.Results(existing);
            },
            cancellationToken);
    }

    /// <summary>
    /// One UPDATE, by key and version: an engine holding the task (FireDueAsync) makes it wait, and its commit bumps
    /// the version, so this then changes nothing and returns false. Fires already recorded stay and go out.
    /// </summary>
    public Task<bool> ReviseAsync(ScheduledTask revised, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revised);
        return db.RunInTransactionAsync(
            async connection =>
            {
                await using (var update = TaskRowMapper.BindRevise(connection.Command(TaskCommands.Revise), revised, PostgresText.ToPayload(revised.Data)))
                {
                    if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
                    {
                        return false;
                    }
                }

                await NotifyScheduledAsync(connection, revised.NextFireAt, cancellationToken);
                return true;
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<string>> DeleteAsync(IReadOnlyList<string> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var deleted = await DeleteAndWithdrawAsync(connection => connection.Command(TaskCommands.DeleteByIds).With("@ids", ids.ToArray()), now, cancellationToken);
        var gone = deleted.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return [.. ids.Distinct(StringComparer.Ordinal).Where(gone.Contains)];
    }

    public async Task<IReadOnlyList<string>> DeleteByNameAsync(string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = await DeleteAndWithdrawAsync(connection => connection.Command(TaskCommands.DeleteByName).With("@name", name), now, cancellationToken);
        return [.. deleted.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id, StringComparer.Ordinal).Select(d => d.Id)];
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
                var recorded = advances.Count == 0 ? [] : await FireRecorder.CommitAsync(connection, db, routing, advances, cancellationToken);
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

        return db.RunInTransactionAsync(connection => FireRecorder.CommitAsync(connection, db, routing, advances, cancellationToken), cancellationToken);
    }

    public Task<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        db.RunAsync(
            async connection =>
            {
                await using var purge = connection.Command(TaskCommands.PurgeFinished).With("@before", finishedBefore.ToUnixMs());
                return await purge.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    /// <summary>Runs the delete (RETURNING id, created_at), then withdraws the deleted tasks' fires recorded ahead of <paramref name="now"/>.</summary>
    private Task<List<(string Id, long CreatedAt)>> DeleteAndWithdrawAsync(
        Func<NpgsqlConnection, NpgsqlCommand> delete, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RunInTransactionAsync(
            async connection =>
            {
                var deleted = await delete(connection).ReadRowsAsync(row => (Id: row.GetString(0), CreatedAt: row.GetInt64(1)), cancellationToken);

                if (deleted.Count > 0)
                {
                    await using var withdraw = connection.Command(TaskCommands.WithdrawFutureFires)
                        .With("@taskIds", deleted.Select(d => d.Id).ToArray()).With("@now", now.ToUnixMs());
                    await withdraw.ExecuteNonQueryAsync(cancellationToken);
                }

                return deleted;
            },
            cancellationToken);

    /// <summary>Tells other instances' engines (PostgresNotificationListener) of a next fire, so they wake early for it; sent at commit.</summary>
    private async Task NotifyScheduledAsync(NpgsqlConnection connection, DateTimeOffset? next, CancellationToken cancellationToken)
    {
        if (next is not { } at)
        {
            return;
        }

        await using var notify = connection.Command(NotificationChannels.Notify)
            .With("@channel", db.Channels.Tasks).With("@payload", at.ToUnixMs().ToString(CultureInfo.InvariantCulture));
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }
}
