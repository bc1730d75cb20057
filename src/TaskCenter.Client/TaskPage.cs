namespace TaskCenter.Client;

/// <summary>A page of <see cref="TaskCenterClient.ListTasksAsync"/>: tasks in name order, then creation, then id.</summary>
/// <param name="Tasks">The tasks of this page.</param>
/// <param name="Next">Pass as <c>after</c> for the next page; <see langword="null"/> on the last page (wire <c>next</c>).</param>
public sealed record TaskPage(IReadOnlyList<TaskInfo> Tasks, string? Next);
