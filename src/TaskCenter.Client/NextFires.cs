namespace TaskCenter.Client;

/// <summary>
/// Upcoming fire times and the zone they are read in: a task's, as <see cref="TaskCenterClient.GetNextFiresAsync"/>
/// returns them, or a crontab's, as <see cref="TaskCenterClient.GetCrontabNextAsync"/> does.
/// </summary>
/// <param name="TimeZone">
/// The IANA zone the crontab is read in, for showing the times (wire <c>timezone</c>): the zone of a <c>CRON_TZ=</c> or
/// <c>TZ=</c> prefix, else the task's (or the requested) zone, else UTC.
/// </param>
/// <param name="Times">
/// The fire times, earliest first; for a task with its limits applied, and none while it is paused or finished (wire
/// <c>times_ms</c> of a task, <c>times</c> of a crontab).
/// </param>
public sealed record NextFires(string TimeZone, IReadOnlyList<DateTimeOffset> Times);
