namespace TaskCenter.Client;

/// <summary>A page of <see cref="TaskCenterClient.GetFireHistoryAsync"/>: a task's fires, latest first.</summary>
/// <param name="Fires">The fires of this page.</param>
/// <param name="Next">Pass as <c>before</c> for older fires; <see langword="null"/> on the last page (wire <c>next</c>).</param>
public sealed record FireHistoryPage(IReadOnlyList<TaskFire> Fires, DateTimeOffset? Next);
