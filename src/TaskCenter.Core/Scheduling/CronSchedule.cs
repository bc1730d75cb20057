namespace TaskCenter.Core.Scheduling;

/// <summary>Type 3: on the crontab, read in the task's zone, from start_time on.</summary>
public sealed class CronSchedule(Crontab crontab, TimeZoneInfo zone, DateTimeOffset? startTime) : FireSchedule
{
    public override DateTimeOffset? First(DateTimeOffset now)
    {
        // Occurrences are whole seconds: "strictly after start − 1 s" is "at or after start".
        var from = StartOrNow(startTime, now);
        return crontab.GetNextOccurrence(from == now ? now : from.AddSeconds(-1), zone);
    }

    public override DateTimeOffset? After(DateTimeOffset previous) => crontab.GetNextOccurrence(previous, zone);

    public override DateTimeOffset? SkipTo(DateTimeOffset previous, DateTimeOffset notBefore)
    {
        var from = notBefore.AddTicks(-1) > previous ? notBefore.AddTicks(-1) : previous;
        return crontab.GetNextOccurrence(from, zone);
    }
}
