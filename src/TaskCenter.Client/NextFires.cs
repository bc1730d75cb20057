namespace TaskCenter.Client;

/// <summary>A task's upcoming fires as <see cref="TaskCenterClient.GetNextFiresAsync"/> returns them.</summary>
/// <param name="TimeZone">The IANA zone the task's crontab is read in, for showing the times (wire <c>timezone</c>).</param>
/// <param name="Times">The fire times, earliest first, with the task's limits applied; none for a paused or finished task (wire <c>times_ms</c>).</param>
public sealed record NextFires(string TimeZone, IReadOnlyList<DateTimeOffset> Times);
