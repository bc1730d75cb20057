namespace TaskCenter.Core.Scheduling;

/// <summary>
/// Type 2: at start_time (or at once), then every interval, anchored to the first fire: the n-th fire is
/// first + n × interval whatever the delivery delays, so the schedule never drifts.
/// </summary>
public sealed class IntervalSchedule(long? startTime, TimeSpan interval) : FireSchedule
{
    public override DateTimeOffset? First(DateTimeOffset now) => StartOrNow(startTime, now);

    public override DateTimeOffset? After(DateTimeOffset previous) => previous + interval;

    public override DateTimeOffset? SkipTo(DateTimeOffset previous, DateTimeOffset notBefore)
    {
        if (notBefore <= previous)
        {
            return previous + interval;
        }

        var steps = (long)Math.Ceiling((notBefore - previous).Ticks / (double)interval.Ticks);
        return previous + TimeSpan.FromTicks(interval.Ticks * Math.Max(1, steps));
    }
}
