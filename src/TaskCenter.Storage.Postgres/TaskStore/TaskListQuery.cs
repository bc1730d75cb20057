using Npgsql;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>
/// Puts a task list page's statement together from <see cref="TaskCommands"/>' fragments, only with the predicates
/// the query needs: every bound is a plain range on ix_tasks_name (name is "C", byte order, which is code point
/// order), so a page costs the same however deep it is and however many names sort after the prefix.
/// </summary>
internal static class TaskListQuery
{
    /// <summary>
    /// The ids and data sizes of a page's candidates (<see cref="TaskCommands.ListSizes"/>) for a query as
    /// <see cref="TaskQuery.Simplified"/> leaves it; one more than the limit, to tell whether there is a next page.
    /// </summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, TaskQuery query)
    {
        var predicates = new List<string>();
        var command = connection.Command("");
        var prefix = query.NamePrefix is null ? null : NamePattern.StartingWith(PostgresText.Storable(query.NamePrefix));
        if (query.Name is { } name)
        {
            predicates.Add(TaskCommands.ListExactName);
            command.With("@name", name);
        }

        // One lower bound: the cursor's row (at or above the prefix, when there is one), else the prefix. Two would leave
        // the btree to pick either.
        if (query.After is { } after)
        {
            predicates.Add(query.Name is null ? TaskCommands.ListAfter : TaskCommands.ListAfterWithinName);
            command.With("@afterName", after.Name).With("@afterCreatedAt", after.CreatedAt.ToUnixTimeSeconds()).With("@afterId", after.Id);
        }
        else if (prefix is not null)
        {
            predicates.Add(TaskCommands.ListFromPrefix);
            command.With("@first", prefix.First);
        }

        if (prefix is not null)
        {
            predicates.Add(TaskCommands.ListToPrefixEnd);
            command.With("@last", prefix.Last);
        }

        if (query.Type is { } type)
        {
            predicates.Add(TaskCommands.ListOfType);
            command.With("@type", (short)type);
        }

        if (query.State == TaskState.Paused)
        {
            predicates.Add(TaskCommands.ListPaused);
        }
        else if (query.State is { } state)
        {
            predicates.Add(TaskCommands.ListInState);
            command.With("@state", state.ToWire());
        }

        command.CommandText = TaskCommands.ListSizes
            + (predicates.Count == 0 ? "true" : string.Join(" AND ", predicates))
            + (query.Descending ? TaskCommands.ListOrderDescending : TaskCommands.ListOrder);
        return command.With("@limit", query.Limit + 1);
    }
}
