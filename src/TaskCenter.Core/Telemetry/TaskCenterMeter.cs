using System.Diagnostics.Metrics;

namespace TaskCenter.Core.Telemetry;

/// <summary>
/// The one <see cref="System.Diagnostics.Metrics.Meter"/> every TaskCenter instrument belongs to. Process-wide and
/// never disposed: exporters merge same-named instruments, and one that several hosts of a process (tests, embedders)
/// shared would vanish from every export when one host disposed its own copy.
/// </summary>
public static class TaskCenterMeter
{
    public const string Name = "TaskCenter";

    public static readonly Meter Meter = new(Name);
}
