using Microsoft.Data.Sqlite;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Sqlite.Database;
using TaskCenter.Storage.Sqlite.QueueStore;

namespace TaskCenter.Storage.Sqlite.TaskStore;

/// <summary>Tasks on SQLite: the engine's port (due tasks, commits) and the API's reads.</summary>
internal sealed class SqliteTaskStore : ITaskStore, ITaskReader
{
    private readonly SqliteDatabase _db;
    private readonly SubscriptionCache _subscriptions;
    private readonly ReadyDeliveryCache _ready;
    private readonly FireRouting _routing;

    public SqliteTaskStore(SqliteDatabase db, SubscriptionCache subscriptions, ReadyDeliveryCache ready, FireRouting routing)
    {
        _db = db;
        _subscriptions = subscriptions;
        _ready = ready;
        _routing = routing;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _db.InitializeAsync(cancellationToken);
        var suspended = await _db.WriteAsync(_subscriptions.Load, cancellationToken);
        _subscriptions.Report(suspended);
    }

    public Task<AddTaskResult> AddAsync(ScheduledTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var dataHash = DataHash.Of(task.Data); // Hashed off the writer.
        return _db.WriteAsync((connection, transaction) => AddOne(connection, transaction, task, dataHash), cancellationToken);
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
        return _db.WriteAsync<IReadOnlyList<AddTaskResult>>(
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
        return _db.WriteAsync(
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

        return _db.WriteAsync<IReadOnlyList<string>>(
            (connection, transaction) =>
            {
                using var delete = connection.Command(TaskCommands.DeleteById, transaction);
                var id = delete.Parameter("@id", SqliteType.Text);
                using var withdraw = new FutureFireWithdrawal(connection, transaction, now);
                _ready.Clear(); // Some of its entries may be withdrawn; the database path delivers the rest.
                var deleted = new List<string>();
                foreach (var candidate in ids)
                {
                    id.Set(candidate);
                    if (delete.ExecuteNonQuery() > 0)
                    {
                        withdraw.Of(candidate);
                        deleted.Add(candidate);
                    }
                }

                return deleted;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<string>> DeleteByNameAsync(string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        _db.WriteAsync<IReadOnlyList<string>>(
            (connection, transaction) =>
            {
                List<string> ids;
                using (var list = connection.Command(TaskCommands.IdsByName, transaction).With("@name", name))
                {
                    ids = list.ReadStrings();
                }

                using var delete = connection.Command(TaskCommands.DeleteByName, transaction).With("@name", name);
                delete.ExecuteNonQuery();
                using var withdraw = new FutureFireWithdrawal(connection, transaction, now);
                _ready.Clear(); // Some of its entries may be withdrawn; the database path delivers the rest.
                foreach (var id in ids)
                {
                    withdraw.Of(id);
                }

                return ids;
            },
            cancellationToken);

    public Task<DateTimeOffset?> GetEarliestFireAsync(CancellationToken cancellationToken) =>
        _db.ReadAsync(
            connection =>
            {
                using var command = connection.Command(TaskCommands.EarliestFire);
                return command.ExecuteScalar() is long ms ? UnixTime.FromUnixMs(ms) : (DateTimeOffset?)null;
            },
            cancellationToken);

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

    public Task<IReadOnlyList<ScheduledTask>> GetDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<ScheduledTask>>([]);
        }

        return _db.ReadAsync<IReadOnlyList<ScheduledTask>>(
            connection => ReadTasks(connection.Command(TaskCommands.Due).With("@dueBy", dueBy.ToUnixMs()).With("@limit", limit)),
            cancellationToken);
    }

    /// <summary>
    /// One writer serves this file and one engine runs per process, so reading the due tasks and committing them apart
    /// is safe: the commit's version check drops any task changed in between.
    /// </summary>
    public async Task<DueBatch> FireDueAsync(
        DateTimeOffset dueBy, int limit, Func<IReadOnlyList<ScheduledTask>, IReadOnlyList<TaskAdvance>> plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var due = await GetDueAsync(dueBy, limit, cancellationToken);
        if (due.Count == 0)
        {
            return new DueBatch(0, []);
        }

        return new DueBatch(due.Count, await CommitAsync(plan(due), cancellationToken));
    }

    public Task<IReadOnlyList<FireRecord>> CommitAsync(IReadOnlyList<TaskAdvance> advances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(advances);
        if (advances.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<FireRecord>>([]);
        }

        return CommitAndCacheAsync(advances, cancellationToken);
    }

    private async Task<IReadOnlyList<FireRecord>> CommitAndCacheAsync(IReadOnlyList<TaskAdvance> advances, CancellationToken cancellationToken)
    {
        var (recorded, _) = await _db.WriteAsync(
            (connection, transaction) =>
            {
                using var update = connection.Command(TaskCommands.Advance, transaction);
                var id = update.Parameter("@id", SqliteType.Text);
                var version = update.Parameter("@version", SqliteType.Integer);
                var state = update.Parameter("@state", SqliteType.Text);
                var firedCount = update.Parameter("@firedCount", SqliteType.Integer);
                var nextFireAt = update.Parameter("@nextFireAt", SqliteType.Integer);
                var finishedAt = update.Parameter("@finishedAt", SqliteType.Integer);

                // Read under the writer lock: routing matches the committed subscriptions exactly.
                using var recorder = new FireRecorder(
                    connection, transaction, _routing == FireRouting.BuiltInQueue ? _subscriptions.Current : null);
                var recorded = new List<FireRecord>();
                var routed = new List<RoutedFire>();
                foreach (var advance in advances)
                {
                    var task = advance.Task;
                    id.Set(task.Id);
                    version.Set(task.Version);
                    state.Set(task.State.ToWire());
                    firedCount.Set(task.FiredCount);
                    nextFireAt.Set(task.NextFireAt.ToUnixMs());
                    finishedAt.Set(task.FinishedAt.ToUnixMs());
                    if (update.ExecuteNonQuery() == 0)
                    {
                        continue; // Deleted or changed since the engine read it: its fires are dropped.
                    }

                    foreach (var fire in advance.Fires)
                    {
                        if (recorder.Record(fire, routed))
                        {
                            recorded.Add(fire);
                        }
                    }
                }

                return (recorded, routed);
            },
            // After the commit and before any later write: a lease on the database path must find them cached.
            result => _ready.Add(result.routed),
            cancellationToken);
        return recorded;
    }

    public Task<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            (connection, transaction) =>
            {
                using var purge = connection.Command(TaskCommands.PurgeFinished, transaction).With("@before", finishedBefore.ToUnixMs());
                return purge.ExecuteNonQuery();
            },
            cancellationToken);

    public Task<ScheduledTask?> GetAsync(string id, CancellationToken cancellationToken) =>
        _db.ReadAsync(
            connection =>
            {
                using var command = connection.Command(TaskCommands.GetById).With("@id", id);
                using var reader = command.ExecuteReader();
                return reader.Read() ? TaskRowMapper.Read(reader) : null;
            },
            cancellationToken);

    public Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Simplified() is not { } simple)
        {
            return Task.FromResult(TaskPage.Empty);
        }

        var sql = TaskCommands.List(
            afterCursor: simple.After is not null,
            exactName: simple.Name is not null,
            withinPrefix: simple.NamePrefix is not null,
            pausedOnly: simple.State == TaskState.Paused,
            descending: simple.Descending);

        return _db.ReadAsync(
            connection =>
            {
                // One more than the limit: whether a next page exists.
                using var command = connection.Command(sql)
                    .With("@type", simple.Type is { } type ? (int)type : null)
                    .With("@state", simple.State?.ToWire())
                    .With("@limit", (long)simple.Limit + 1);
                if (simple.Name is { } name)
                {
                    command.With("@name", name);
                }

                if (simple.NamePrefix is { } prefix)
                {
                    var range = NamePattern.StartingWith(prefix);
                    command.With("@first", range.First).With("@last", range.Last);
                }

                if (simple.After is { } after)
                {
                    command.With("@afterName", after.Name).With("@afterCreatedAt", after.CreatedAt).With("@afterId", after.Id);
                }

                return ReadPage(command, simple.NewBudget());
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<FireHistoryEntry>> GetFireHistoryAsync(
        string taskId, int limit, DateTimeOffset? before, CancellationToken cancellationToken) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<FireHistoryEntry>>([])
            : _db.ReadAsync<IReadOnlyList<FireHistoryEntry>>(connection => FireHistoryReader.Read(connection, taskId, limit, before), cancellationToken);

    public Task<TaskCensus> CountAsync(CancellationToken cancellationToken) => _db.ReadAsync(CensusReader.Read, cancellationToken);

    public Task<IReadOnlyList<TaskCount>> CountTasksAsync(NamePattern names, CancellationToken cancellationToken) =>
        _db.ReadAsync(connection => CensusReader.ReadTasks(connection, names), cancellationToken);

    /// <summary>The live duplicate's id, or the task inserted. Under the writer lock: no other add can slip in between.</summary>
    private static AddTaskResult AddOne(SqliteConnection connection, SqliteTransaction transaction, ScheduledTask task, long dataHash)
    {
        using (var find = connection.Command(TaskCommands.FindLiveDuplicate, transaction)
            .With("@name", task.Name).With("@dataHash", dataHash).With("@data", task.Data))
        {
            if (find.ExecuteScalar() is string existing)
            {
                return new AddTaskResult(existing, Created: false);
            }
        }

        using var insert = TaskRowMapper.BindInsert(connection.Command(TaskCommands.Insert, transaction), task, dataHash);
        insert.ExecuteNonQuery();
        return new AddTaskResult(task.Id, Created: true);
    }

    /// <summary>
    /// Reads the rows of a task list page while they fit its budget (each row's data size is read before its data), and
    /// stops at the first that does not: the page's last task is then where the next page starts.
    /// </summary>
    private static TaskPage ReadPage(SqliteCommand command, ResponseBudget budget)
    {
        var tasks = new List<ScheduledTask>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!budget.TryTake(reader.GetInt64(TaskCommands.ListDataSizeColumn)))
            {
                return new TaskPage(tasks, TaskCursor.Of(tasks[^1]));
            }

            tasks.Add(TaskRowMapper.Read(reader));
        }

        return new TaskPage(tasks, Next: null);
    }

    /// <summary>Runs the query, reads every row as a task and disposes the command.</summary>
    private static List<ScheduledTask> ReadTasks(SqliteCommand command)
    {
        using (command)
        {
            var tasks = new List<ScheduledTask>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tasks.Add(TaskRowMapper.Read(reader));
            }

            return tasks;
        }
    }
}
