using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>
/// One page of the task list: tasks in (name, created_at, id) order, the order of the name index, so a page costs the
/// same however deep it is. The filters narrow it; <see cref="After"/> continues from the previous page.
/// </summary>
public sealed record TaskQuery
{
    /// <summary>Only tasks whose name starts with this (case-sensitive); null or empty = every name.</summary>
    public string? NamePrefix { get; init; }

    public TaskType? Type { get; init; }

    public TaskState? State { get; init; }

    /// <summary>At most this many tasks (1 or more).</summary>
    public int Limit { get; init; } = 50;

    /// <summary>The <see cref="TaskPage.Next"/> of the previous page; null for the first page.</summary>
    public TaskCursor? After { get; init; }
}
