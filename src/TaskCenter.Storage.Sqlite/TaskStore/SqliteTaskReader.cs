using Microsoft.Data.Sqlite;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.TaskStore;

/// <summary>The read side on SQLite: single tasks, the task list, a task's fire history and the census, on reader connections.</summary>
internal sealed class SqliteTaskReader(SqliteDatabase db) : ITaskReader
{
    public Task<ScheduledTask?> GetAsync(string id, CancellationToken cancellationToken) =>
        db.ReadAsync(
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

        return db.ReadAsync(
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
                    command.With("@afterName", after.Name).With("@afterCreatedAt", after.CreatedAt.ToUnixTimeSeconds()).With("@afterId", after.Id);
                }

                return ReadPage(command, simple.NewBudget());
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<FireHistoryEntry>> GetFireHistoryAsync(
        string taskId, int limit, DateTimeOffset? before, CancellationToken cancellationToken) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<FireHistoryEntry>>([])
            : db.ReadAsync<IReadOnlyList<FireHistoryEntry>>(connection => FireHistoryReader.Read(connection, taskId, limit, before), cancellationToken);

    public Task<TaskCensus> CountAsync(CancellationToken cancellationToken) => db.ReadAsync(CensusReader.Read, cancellationToken);

    public Task<IReadOnlyList<TaskCount>> CountTasksAsync(NamePattern names, CancellationToken cancellationToken) =>
        db.ReadAsync(connection => CensusReader.ReadTasks(connection, names), cancellationToken);

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
}
