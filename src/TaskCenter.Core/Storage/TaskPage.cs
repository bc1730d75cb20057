using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>A page of the task list; <see cref="Next"/> is null on the last page.</summary>
public sealed record TaskPage(IReadOnlyList<ScheduledTask> Tasks, TaskCursor? Next);
