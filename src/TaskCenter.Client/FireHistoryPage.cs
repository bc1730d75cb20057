namespace TaskCenter.Client;

/// <summary>A page of <see cref="TaskCenterClient.GetFireHistoryAsync"/>: a task's fires, latest first.</summary>
/// <param name="Fires">The fires of this page.</param>
/// <param name="Next">Pass as <c>before</c> for older fires; <see langword="null"/> on the last page (wire <c>next</c>).</param>
public sealed record FireHistoryPage(IReadOnlyList<TaskFire> Fires, DateTimeOffset? Next)
{
    /// <summary>
    /// The deliveries the server's built-in queue gives a message before it is a dead letter (its <c>Queue:MaxRetries</c>
    /// + 1); <see langword="null"/> when a broker delivers, whose consumers set their own (wire <c>max_attempts</c>).
    /// </summary>
    public int? MaxAttempts { get; init; }
}
