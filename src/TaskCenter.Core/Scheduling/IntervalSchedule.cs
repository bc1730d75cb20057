namespace TaskCenter.Core.Scheduling;

/// <summary>
/// Type 2: at start_time (or at once), then every interval, anchored to the first fire: the n-th fire is
/// first + n × interval whatever the delivery delays, so the schedule never drifts.
/// </summary>
public sealed class IntervalSchedule(DateTimeOffset? startTime, TimeSpan interval) : FireSchedule
{
    public override DateTimeOffset? First(DateTimeOffset now) => StartOrNow(startTime, now);

    public override DateTimeOffset? After(DateTimeOffset previous) =>
        previous <= DateTimeOffset.MaxValue - interval ? previous + interval : null;

    public override DateTimeOffset? SkipTo(DateTimeOffset previous, DateTimeOffset notBefore)
    {
        if (notBefore <= previous)
        {
            return After(previous);
        }

        var steps = Math.Max(1, (long)Math.Ceiling((notBefore - previous).Ticks / (double)interval.Ticks));
        var skip = TimeSpan.FromTicks(interval.Ticks * steps);
        return previous <= DateTimeOffset.MaxValue - skip ? previous + skip : null;
    }
}
