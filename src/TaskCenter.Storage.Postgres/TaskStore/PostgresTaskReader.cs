using Npgsql;
using TaskCenter.Core.Access;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>The read side on PostgreSQL: single tasks, the task list, a task's fire history and the census.</summary>
internal sealed class PostgresTaskReader(PostgresDatabase db) : ITaskReader
{
    public Task<ScheduledTask?> GetAsync(string id, CancellationToken cancellationToken) =>
        db.RunAsync(
            async connection => (await connection.Command(TaskCommands.GetById).With("@id", id).ReadRowsAsync(TaskRowMapper.Read, cancellationToken))
                .SingleOrDefault(),
            cancellationToken);

    public Task<IReadOnlyList<ScheduledTask>> ListByNameAsync(string name, CancellationToken cancellationToken) =>
        db.RunAsync<IReadOnlyList<ScheduledTask>>(
            async connection => await connection.Command(TaskCommands.ListByName).With("@name", name).ReadRowsAsync(TaskRowMapper.Read, cancellationToken),
            cancellationToken);

    public async Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var rows = await db.RunAsync(
            connection => TaskListQuery.Command(connection, query).ReadRowsAsync(TaskRowMapper.Read, cancellationToken), cancellationToken);
        if (rows.Count <= query.Limit)
        {
            return new TaskPage(rows, Next: null);
        }

        var page = rows.GetRange(0, query.Limit);
        return new TaskPage(page, TaskCursor.Of(page[^1]));
    }

    public async Task<IReadOnlyList<FireHistoryEntry>> GetFireHistoryAsync(
        string taskId, int limit, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        return await db.RunAsync(
            async connection =>
            {
                var fires = await connection.Command(HistoryCommands.Fires)
                    .With("@taskId", taskId).With("@before", before?.ToUnixMs() ?? long.MaxValue).With("@limit", limit)
                    .ReadRowsAsync(HistoryRowMapper.ReadFire, cancellationToken);
                if (fires.Count == 0)
                {
                    return [];
                }

                var deliveries = (await connection.Command(HistoryCommands.Deliveries).With("@msgIds", fires.Select(f => f.MsgId).ToArray())
                        .ReadRowsAsync(HistoryRowMapper.ReadDelivery, cancellationToken))
                    .ToLookup(d => d.MsgId, d => d.Delivery, StringComparer.Ordinal);
                return fires.Select(f => f with { Deliveries = [.. deliveries[f.MsgId]] }).ToList();
            },
            cancellationToken);
    }

    public Task<TaskCensus> CountAsync(CancellationToken cancellationToken) =>
        db.RunAsync(
            async connection =>
            {
                await using var batch = connection.Batch(
                    new NpgsqlBatchCommand(CensusCommands.Tasks), new NpgsqlBatchCommand(CensusCommands.Groups), new NpgsqlBatchCommand(CensusCommands.Fires));
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                var tasks = new List<TaskCount>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    tasks.Add(ReadTaskCount(reader));
                }

                await reader.NextResultAsync(cancellationToken);
                var groups = new List<GroupBacklog>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    groups.Add(new GroupBacklog(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
                }

                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                return new TaskCensus { Tasks = tasks, Groups = groups, UnroutedFires = reader.GetInt64(0), UnpublishedFires = reader.GetInt64(1) };
            },
            cancellationToken);

    public Task<IReadOnlyList<TaskCount>> CountTasksAsync(NamePattern names, CancellationToken cancellationToken) =>
        db.RunAsync<IReadOnlyList<TaskCount>>(
            async connection =>
            {
                var text = PostgresText.Storable(names.Text);
                var command = !names.IsPrefix
                    ? connection.Command(CensusCommands.TasksOfName).With("@name", text)
                    : TaskListQuery.UpperBound(text) is { } upper
                        ? connection.Command(CensusCommands.TasksInRange).With("@prefix", text).With("@upper", upper)
                        : connection.Command(CensusCommands.TasksFrom).With("@prefix", text);
                return await command.ReadRowsAsync(ReadTaskCount, cancellationToken);
            },
            cancellationToken);

    private static TaskCount ReadTaskCount(NpgsqlDataReader reader) =>
        new((TaskType)reader.GetInt16(0), TaskStates.Parse(reader.GetString(1)), reader.GetInt64(2));
}
