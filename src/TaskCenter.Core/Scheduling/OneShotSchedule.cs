namespace TaskCenter.Core.Scheduling;

/// <summary>Type 1: once at start_time, or at once when none is given or it has passed.</summary>
public sealed class OneShotSchedule(DateTimeOffset? startTime) : FireSchedule
{
    public override DateTimeOffset? First(DateTimeOffset now) => StartOrNow(startTime, now);

    public override DateTimeOffset? After(DateTimeOffset previous) => null;

    public override DateTimeOffset? SkipTo(DateTimeOffset previous, DateTimeOffset notBefore) => null;
}
