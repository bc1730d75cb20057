using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Telemetry;

/// <summary>
/// Gauges of what storage holds, from the latest census of each host that registered a source (a host counts when a
/// scrape or the overview asks, not on its own): tasks by type and state, each group's deliveries by state, unrouted
/// and unpublished fires. A process normally runs one host; tests run several, each with groups of its own.
/// </summary>
public static class CensusMetrics
{
    private static readonly ConcurrentDictionary<object, Func<TaskCensus?>> Sources = new();

    static CensusMetrics()
    {
        TaskCenterMeter.Meter.CreateObservableGauge<long>(
            "taskcenter.tasks",
            () => Latest().SelectMany(census => census.Tasks).Select(count => new Measurement<long>(
                count.Count, Tag("type", TypeName(count.Type)), Tag("state", count.State.ToWire()))),
            unit: "{task}",
            description: "Stored tasks by type and state.");
        TaskCenterMeter.Meter.CreateObservableGauge<long>(
            "taskcenter.queue.backlog",
            () => Latest().SelectMany(census => census.Groups).SelectMany(group => new[]
            {
                new Measurement<long>(group.Ready, Tag("group", group.Group), Tag("state", "ready")),
                new Measurement<long>(group.Leased, Tag("group", group.Group), Tag("state", "leased")),
                new Measurement<long>(group.Dead, Tag("group", group.Group), Tag("state", "dead")),
            }),
            unit: "{message}",
            description: "Deliveries per consumer group: ready (incl. retries waiting), leased, dead.");
        TaskCenterMeter.Meter.CreateObservableGauge<long>(
            "taskcenter.fires.waiting",
            () => Latest().SelectMany(census => new[]
            {
                new Measurement<long>(census.UnroutedFires, Tag("reason", "unrouted")),
                new Measurement<long>(census.UnpublishedFires, Tag("reason", "unpublished")),
            }),
            unit: "{fire}",
            description: "Fires not delivered yet for want of a subscribed group (unrouted) or a broker confirm (unpublished).");
    }

    /// <summary>Reports <paramref name="owner"/>'s latest census until the returned handle is disposed.</summary>
    public static IDisposable Observe(object owner, Func<TaskCensus?> latest)
    {
        Sources[owner] = latest;
        return new Registration(owner);
    }

    private static IEnumerable<TaskCensus> Latest() =>
        Sources.Values.Select(latest => latest()).OfType<TaskCensus>();

    private sealed class Registration(object owner) : IDisposable
    {
        public void Dispose() => Sources.TryRemove(owner, out _);
    }

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);

    private static string TypeName(TaskType type) => type switch
    {
        TaskType.OneShot => "once",
        TaskType.Interval => "interval",
        TaskType.Cron => "cron",
        _ => type.ToString(),
    };
}
