using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TaskCenter.Core.Telemetry;

namespace TaskCenter.Server.Push;

/// <summary>
/// Push groups' instruments, labelled by group: <c>taskcenter.push.requests</c> by outcome (delivered, retry_after,
/// failed), <c>taskcenter.push.duration</c> (seconds, to the answer or the failure) and <c>taskcenter.push.open_circuits</c>
/// (1 for a group whose circuit is open in this instance, else 0). Tests run several hosts in one process: each registers
/// its targets.
/// </summary>
internal static class PushMetrics
{
    private static readonly ConcurrentDictionary<object, Func<IEnumerable<PushTarget>>> Sources = new();

    private const string GroupLabel = "group";
    private const string OutcomeLabel = "outcome";

    private static readonly Counter<long> Requests = TaskCenterMeter.Meter.CreateCounter<long>(
        "taskcenter.push.requests", "{request}", "Requests sent to push groups' targets, by outcome.");

    private static readonly Histogram<double> Duration = TaskCenterMeter.Meter.CreateHistogram(
        "taskcenter.push.duration", "s", "How long a push took, from sending the request to its answer or its failure.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    static PushMetrics() =>
        TaskCenterMeter.Meter.CreateObservableGauge<int>(
            "taskcenter.push.open_circuits",
            () => Sources.Values.SelectMany(targets => targets()).Select(target =>
                new Measurement<int>(target.Circuit.IsOpen ? 1 : 0, new KeyValuePair<string, object?>(GroupLabel, target.Group.Name))),
            "{target}",
            "Push targets whose circuit is open: nothing is sent to them for now.");

    /// <summary>Reports <paramref name="owner"/>'s targets' circuits until the returned handle is disposed.</summary>
    public static IDisposable Observe(object owner, Func<IEnumerable<PushTarget>> targets)
    {
        Sources[owner] = targets;
        return new Registration(owner);
    }

    public static void Pushed(string group, PushOutcome outcome, TimeSpan duration)
    {
        var groupTag = new KeyValuePair<string, object?>(GroupLabel, group);
        Requests.Add(1, groupTag, new KeyValuePair<string, object?>(OutcomeLabel, outcome switch
        {
            PushOutcome.Delivered => "delivered",
            PushOutcome.RetryAt => "retry_after",
            _ => "failed",
        }));
        Duration.Record(duration.TotalSeconds, groupTag);
    }

    private sealed class Registration(object owner) : IDisposable
    {
        public void Dispose() => Sources.TryRemove(owner, out _);
    }
}
