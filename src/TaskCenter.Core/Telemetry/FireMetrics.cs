using System.Diagnostics.Metrics;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Storage;

namespace TaskCenter.Core.Telemetry;

/// <summary>
/// Counts the fires the engine records. No label: a fire is counted before it is routed to any group, and the task
/// name is user data of unbounded cardinality.
/// </summary>
public sealed class FireMetrics : IFireListener
{
    private static readonly Counter<long> Fires = TaskCenterMeter.Meter.CreateCounter<long>(
        "taskcenter.fires", "{fire}", "Fires recorded by the engine (one per task and fire time).");

    /// <summary>
    /// Shows the counter at 0 before the first fire. Called once the exporter listens, it also compiles the exporter's
    /// aggregation path then, instead of at the first fire (some 20 ms of JIT, once).
    /// </summary>
    public static void ExportZero() => Fires.Add(0);

    public void OnFired(IReadOnlyList<FireRecord> fires)
    {
        ArgumentNullException.ThrowIfNull(fires);
        Fires.Add(fires.Count);
    }
}
