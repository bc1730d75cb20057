using System.Globalization;
using Npgsql;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres.Database;
using TaskCenter.Storage.Postgres.Ledger;

namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>
/// Task definitions on PostgreSQL: adds, revisions, deletes, safe for many instances. Concurrent adds share one
/// transaction (<see cref="AddGroupCommitter"/>). A delete withdraws the task's fires recorded ahead of time from the
/// ledger in its own transaction.
/// </summary>
internal sealed class PostgresTaskStore : ITaskStore
{
    private readonly PostgresDatabase _db;
    private readonly AddGroupCommitter _adds;

    public PostgresTaskStore(PostgresDatabase database)
    {
        _db = database;
        _adds = new AddGroupCommitter(WriteAddsAsync);
    }

    public async Task<AddTaskResult> AddAsync(ScheduledTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        return (await AddManyAsync([task], cancellationToken))[0];
    }

    /// <summary>Group-committed with the adds of other callers that wait meanwhile (<see cref="AddGroupCommitter"/>).</summary>
    public Task<IReadOnlyList<AddTaskResult>> AddManyAsync(IReadOnlyList<ScheduledTask> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return tasks.Count == 0 ? Task.FromResult<IReadOnlyList<AddTaskResult>>([]) : _adds.AddAsync(tasks, cancellationToken);
    }

    /// <summary>
    /// One UPDATE, by key and version: an engine holding the task (FireDueAsync) makes it wait, and its commit bumps
    /// the version, so this then changes nothing and returns false. Fires already recorded stay and go out.
    /// </summary>
    public Task<bool> ReviseAsync(ScheduledTask revised, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revised);
        return _db.RunInTransactionAsync(
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

    public Task<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        _db.RunAsync(
            async connection =>
            {
                await using var purge = connection.Command(TaskCommands.PurgeFinished).With("@before", finishedBefore.ToUnixMs());
                return await purge.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    /// <summary>
    /// One transaction, one round trip before the commit: the add locks of every task (equal adds on any instance wait
    /// for each other, so the second finds the first), then <see cref="TaskCommands.AddTasks"/>. Not cancelled by any
    /// one caller: it may be the add of several.
    /// </summary>
    private Task<IReadOnlyList<AddTaskResult>> WriteAddsAsync(IReadOnlyList<ScheduledTask> tasks)
    {
        var batch = new TaskAddBatch(tasks);
        return _db.RunInTransactionAsync(
            async connection =>
            {
                await using var command = connection.Batch(batch.Locks(_db.Locks.Add), batch.Add(_db.Channels.Tasks));
                var existing = new List<string?>();
                await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
                {
                    await reader.NextResultAsync(CancellationToken.None);
                    while (await reader.ReadAsync(CancellationToken.None))
                    {
                        existing.Add(reader.GetNullableString(0));
                    }
                }

                return batch.Results(existing);
            },
            CancellationToken.None);
    }

    /// <summary>Runs the delete (RETURNING id, created_at), then withdraws the deleted tasks' fires recorded ahead of <paramref name="now"/>.</summary>
    private Task<List<(string Id, long CreatedAt)>> DeleteAndWithdrawAsync(
        Func<NpgsqlConnection, NpgsqlCommand> delete, DateTimeOffset now, CancellationToken cancellationToken) =>
        _db.RunInTransactionAsync(
            async connection =>
            {
                var deleted = await delete(connection).ReadRowsAsync(row => (Id: row.GetString(0), CreatedAt: row.GetInt64(1)), cancellationToken);

                if (deleted.Count > 0)
                {
                    await PostgresFireLedger.WithdrawFutureFiresAsync(connection, [.. deleted.Select(d => d.Id)], now, cancellationToken);
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
            .With("@channel", _db.Channels.Tasks).With("@payload", at.ToUnixMs().ToString(CultureInfo.InvariantCulture));
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }
}
