using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Engine;

/// <summary>What one due task produces now: the scheduled times of its fires, and the task advanced past them.</summary>
public sealed record FirePlan(ScheduledTask Task, IReadOnlyList<DateTimeOffset> FireTimes);
