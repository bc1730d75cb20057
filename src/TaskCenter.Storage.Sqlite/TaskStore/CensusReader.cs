using Microsoft.Data.Sqlite;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.TaskStore;

/// <summary>The census, counted on one snapshot.</summary>
internal static class CensusReader
{
    public static TaskCensus Read(SqliteConnection connection)
    {
        using var snapshot = connection.BeginTransaction(deferred: true);
        IReadOnlyList<TaskCount> tasks;
        using (var command = connection.Command(ManagementCommands.TaskCounts, snapshot))
        {
            tasks = ReadTaskCounts(command);
        }

        // Every subscribed group, with zeros, and every group holding deliveries (a transport's dead letters).
        var groups = new SortedDictionary<string, GroupBacklog>(StringComparer.Ordinal);
        using (var command = connection.Command(ManagementCommands.GroupNames, snapshot))
        {
            foreach (var name in command.ReadStrings())
            {
                groups[name] = new GroupBacklog(name, 0, 0, 0);
            }
        }

        using (var command = connection.Command(ManagementCommands.DeliveryCounts, snapshot))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var name = reader.GetString(0);
                var count = reader.GetInt64(2);
                var backlog = groups.GetValueOrDefault(name) ?? new GroupBacklog(name, 0, 0, 0);
                groups[name] = reader.GetString(1) switch
                {
                    "ready" => backlog with { Ready = count },
                    "leased" => backlog with { Leased = count },
                    _ => backlog with { Dead = count },
                };
            }
        }

        return new TaskCensus
        {
            Tasks = tasks,
            Groups = [.. groups.Values],
            UnroutedFires = Count(connection, snapshot, ManagementCommands.UnroutedFires),
            UnpublishedFires = Count(connection, snapshot, ManagementCommands.UnpublishedFires),
        };
    }

    /// <summary>Tasks by type and state within one range of ix_tasks_name: the names a pattern matches.</summary>
    public static IReadOnlyList<TaskCount> ReadTasks(SqliteConnection connection, NamePattern names)
    {
        using var command = connection.Command(ManagementCommands.TaskCountsInRange).With("@first", names.First).With("@last", names.Last);
        return ReadTaskCounts(command);
    }

    /// <summary>The rows of a (type, state, count) query.</summary>
    private static List<TaskCount> ReadTaskCounts(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var tasks = new List<TaskCount>();
        while (reader.Read())
        {
            tasks.Add(new TaskCount((TaskType)reader.GetInt32(0), TaskStates.Parse(reader.GetString(1)), reader.GetInt64(2)));
        }

        return tasks;
    }

    private static long Count(SqliteConnection connection, SqliteTransaction snapshot, string sql)
    {
        using var command = connection.Command(sql, snapshot);
        return (long)command.ExecuteScalar()!;
    }
}
