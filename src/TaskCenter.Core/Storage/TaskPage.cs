using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>
/// A page of the task list; <see cref="Next"/> is null on the last page. It is the cursor of the page's last task: the
/// next page starts after it, also when the page ended at the byte budget before its limit.
/// </summary>
public sealed record TaskPage(IReadOnlyList<ScheduledTask> Tasks, TaskCursor? Next)
{
    public static readonly TaskPage Empty = new([], Next: null);
}
