using System.Text;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Access;

/// <summary>The task list within a <see cref="NameScope"/>: what a scoped key's list shows.</summary>
public static class ScopedTaskList
{
    /// <summary>
    /// A page of the tasks that both <paramref name="query"/> and <paramref name="scope"/> take. The scope's patterns
    /// are ranges of the name index, in name order and without overlap, so the page walks the ranges the query's own
    /// name filter leaves, one after another, with the query's cursor, limit and byte budget over all of them.
    /// </summary>
    public static async Task<TaskPage> ListWithinAsync(this ITaskReader reader, TaskQuery query, NameScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.IsEverything)
        {
            return await reader.ListAsync(query, cancellationToken);
        }

        // The query's own name filter: its exact name within its prefix (none when the name lacks the prefix).
        var prefix = NamePattern.StartingWith(query.NamePrefix ?? "");
        var filter = query.Name is { } name ? NamePattern.Exact(name).Intersect(prefix) : prefix;
        var ranges = filter is null ? [] : scope.Within(filter);
        var budget = query.NewBudget();
        var tasks = new List<ScheduledTask>();
        for (var i = 0; i < ranges.Count; i++)
        {
            var page = await reader.ListAsync(
                query with
                {
                    Name = ranges[i].IsPrefix ? null : ranges[i].Value,
                    NamePrefix = ranges[i].IsPrefix ? ranges[i].Value : null,
                    Limit = query.Limit - tasks.Count,
                    MaxPayloadBytes = query.MaxPayloadBytes - budget.Bytes,
                },
                cancellationToken);
            foreach (var task in page.Tasks)
            {
                // A range's store call always holds its first task: after an earlier range's tasks it may not fit.
                if (!budget.TryTake(Encoding.UTF8.GetByteCount(task.Data)))
                {
                    return new TaskPage(tasks, TaskCursor.Of(tasks[^1]));
                }

                tasks.Add(task);
            }

            if (page.Next is not null)
            {
                return new TaskPage(tasks, page.Next);
            }

            if (tasks.Count == query.Limit && i < ranges.Count - 1)
            {
                return new TaskPage(tasks, TaskCursor.Of(tasks[^1]));
            }
        }

        return new TaskPage(tasks, Next: null);
    }
}
