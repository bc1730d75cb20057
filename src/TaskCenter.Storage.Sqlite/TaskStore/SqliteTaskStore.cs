using Microsoft.Data.Sqlite;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Sqlite.Database;
using TaskCenter.Storage.Sqlite.Ledger;

namespace TaskCenter.Storage.Sqlite.TaskStore;

/// <summary>
/// Task definitions on SQLite: adds, revisions, deletes. A delete withdraws the task's fires recorded ahead of time from
/// the ledger in its own write.
/// </summary>
internal sealed class SqliteTaskStore(SqliteDatabase db, SqliteFireLedger ledger) : ITaskStore
{
    public Task<AddTaskResult> AddAsync(ScheduledTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var dataHash = DataHash.Of(task.Data); // Hashed off the writer.
        return db.WriteStatementAsync((connection, transaction) => AddOne(connection, transaction, task, dataHash), cancellationToken);
    }

    /// <summary>One write (so one savepoint): a failing insert rolls back the whole batch.</summary>
    public Task<IReadOnlyList<AddTaskResult>> AddManyAsync(IReadOnlyList<ScheduledTask> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<AddTaskResult>>([]);
        }

        var dataHashes = tasks.Select(task => DataHash.Of(task.Data)).ToList();
        return db.WriteAsync<IReadOnlyList<AddTaskResult>>(
            (connection, transaction) => [.. tasks.Select((task, i) => AddOne(connection, transaction, task, dataHashes[i]))],
            cancellationToken);
    }

    /// <summary>
    /// Fires already recorded (at most the engine's look-ahead before they are due) stay and go out as recorded, so the
    /// fire count stays exact; the engine schedules from the revised task onwards.
    /// </summary>
    public Task<bool> ReviseAsync(ScheduledTask revised, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revised);
        var dataHash = DataHash.Of(revised.Data);
        return db.WriteAsync(
            (connection, transaction) =>
            {
                using var update = TaskRowMapper.BindInsert(connection.Command(TaskCommands.Revise, transaction), revised, dataHash);
                return update.ExecuteNonQuery() > 0; // None: gone, or changed since the operator read it.
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<string>> DeleteAsync(IReadOnlyList<string> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        return db.WriteAsync<IReadOnlyList<string>>(
            (connection, transaction) =>
            {
                using var delete = connection.Command(TaskCommands.DeleteById, transaction);
                var id = delete.Parameter("@id", SqliteType.Text);
                var deleted = new List<string>();
                foreach (var candidate in ids)
                {
                    id.Set(candidate);
                    if (delete.ExecuteNonQuery() > 0)
                    {
                        deleted.Add(candidate);
                    }
                }

                ledger.WithdrawFutureFires(connection, transaction, deleted, now);
                return deleted;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<string>> DeleteByNameAsync(string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.WriteAsync<IReadOnlyList<string>>(
            (connection, transaction) =>
            {
                List<string> ids;
                using (var list = connection.Command(TaskCommands.IdsByName, transaction).With("@name", name))
                {
                    ids = list.ReadStrings();
                }

                using var delete = connection.Command(TaskCommands.DeleteByName, transaction).With("@name", name);
                delete.ExecuteNonQuery();
                ledger.WithdrawFutureFires(connection, transaction, ids, now);
                return ids;
            },
            cancellationToken);

    public Task<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        db.WriteAsync(
            (connection, transaction) =>
            {
                using var purge = connection.Command(TaskCommands.PurgeFinished, transaction).With("@before", finishedBefore.ToUnixMs());
                return purge.ExecuteNonQuery();
            },
            cancellationToken);

    /// <summary>The live duplicate's id, or the task inserted. Under the writer lock: no other add can slip in between.</summary>
    /// <summary>A lookup, then at most one insert: one statement that changes anything (see <see cref="SqliteDatabase.WriteStatementAsync"/>).</summary>
    private AddTaskResult AddOne(SqliteConnection connection, SqliteTransaction transaction, ScheduledTask task, long dataHash)
    {
        var find = db.Reused(connection, TaskCommands.FindLiveDuplicate, transaction)
            .With("@name", task.Name).With("@dataHash", dataHash).With("@data", task.Data);
        if (find.ExecuteScalar() is string existing)
        {
            return new AddTaskResult(existing, Created: false);
        }

        TaskRowMapper.BindInsert(db.Reused(connection, TaskCommands.Insert, transaction), task, dataHash).ExecuteNonQuery();
        return new AddTaskResult(task.Id, Created: true);
    }
}
