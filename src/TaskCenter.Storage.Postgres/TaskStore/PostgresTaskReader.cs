using System.Data;
using Npgsql;
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

    /// <summary>
    /// Two statements in one snapshot: the candidates' ids and data sizes, then the tasks of those that fit the page's
    /// budget. A single statement could only stop at the budget by leaving the rest of its rows unread, which the
    /// connection would still have to take off the wire.
    /// </summary>
    public async Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Simplified() is not { } simple)
        {
            return TaskPage.Empty;
        }

        return await db.RunAsync(
            async connection =>
            {
                await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
                var candidates = await TaskListQuery.Command(connection, simple)
                    .ReadRowsAsync(row => (Id: row.GetString(0), Size: row.GetInt32(1)), cancellationToken);
                var budget = simple.NewBudget();
                var fitting = candidates.TakeWhile(candidate => budget.TryTake(candidate.Size)).Select(candidate => candidate.Id).ToArray();
                if (fitting.Length == 0)
                {
                    return TaskPage.Empty;
                }

                var tasks = (await connection.Command(TaskCommands.ListPage).With("@ids", fitting).ReadRowsAsync(TaskRowMapper.Read, cancellationToken))
                    .ToDictionary(task => task.Id, StringComparer.Ordinal);
                var page = fitting.Select(id => tasks[id]).ToList();
                return new TaskPage(page, fitting.Length < candidates.Count ? TaskCursor.Of(page[^1]) : null);
            },
            cancellationToken);
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
            async connection => await connection.Command(CensusCommands.TasksInRange)
                .With("@first", PostgresText.Storable(names.First)).With("@last", PostgresText.Storable(names.Last))
                .ReadRowsAsync(ReadTaskCount, cancellationToken),
            cancellationToken);

    private static TaskCount ReadTaskCount(NpgsqlDataReader reader) =>
        new((TaskType)reader.GetInt16(0), TaskStates.Parse(reader.GetString(1)), reader.GetInt64(2));
}
