using TaskCenter.Core.Limits;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>
/// One page of the task list: tasks in (name, created_at, id) order, the order of the name index, so a page costs the
/// same however deep it is. The filters narrow it; <see cref="After"/> continues from the previous page. A page ends at
/// <see cref="Limit"/> tasks or at <see cref="MaxPayloadBytes"/>, whichever comes first (see <see cref="ResponseBudget"/>).
/// </summary>
public sealed record TaskQuery
{
    /// <summary>Only tasks with exactly this name; null = every name.</summary>
    public string? Name { get; init; }

    /// <summary>Only tasks whose name starts with this (case-sensitive); null or empty = every name.</summary>
    public string? NamePrefix { get; init; }

    public TaskType? Type { get; init; }

    public TaskState? State { get; init; }

    /// <summary>At most this many tasks (1 or more).</summary>
    public int Limit { get; init; } = 50;

    /// <summary>
    /// At most this many bytes of the tasks' data (UTF-8): the page ends before the task that would go over, but always
    /// holds one task.
    /// </summary>
    public long MaxPayloadBytes { get; init; } = long.MaxValue;

    /// <summary>The <see cref="TaskPage.Next"/> of the previous page; null for the first page.</summary>
    public TaskCursor? After { get; init; }

    /// <summary>The order reversed: with <see cref="Name"/>, the newest created first. A first page only (no <see cref="After"/>).</summary>
    public bool Descending { get; init; }

    /// <summary>What one page of this query may hold.</summary>
    public ResponseBudget NewBudget() => new(Limit, MaxPayloadBytes);

    /// <summary>
    /// The query as a store runs it, without bounds that bound nothing: with an exact <see cref="Name"/>, the prefix
    /// (which that name starts with) and a cursor before that name; a cursor before the prefix's names. A cursor that is
    /// left lies within <see cref="Name"/> when one is given. Null when no task can match: the name does not start with
    /// the prefix, or the cursor lies past the name.
    /// </summary>
    /// <exception cref="ArgumentException">The limit is below 1, or a descending query has a cursor.</exception>
    public TaskQuery? Simplified()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Limit, 1);
        if (Descending && After is not null)
        {
            throw new ArgumentException("A descending task list has a first page only.", nameof(After));
        }

        var prefix = string.IsNullOrEmpty(NamePrefix) ? null : NamePrefix;
        var after = After;
        if (Name is { } name)
        {
            if (prefix is not null && !name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return null;
            }

            prefix = null;
            var cursorOrder = after is null ? 0 : NameOrder.Compare(after.Name, name);
            if (cursorOrder > 0)
            {
                return null;
            }

            after = cursorOrder < 0 ? null : after;
        }
        else if (prefix is not null && after is not null && NameOrder.Compare(after.Name, prefix) < 0)
        {
            after = null; // Every name with the prefix comes after the cursor.
        }

        return this with { NamePrefix = prefix, After = after };
    }
}
