using System.Diagnostics.Metrics;

namespace TaskCenter.Core.Telemetry;

/// <summary>
/// How long after its fire time a fire reached its consumers (built-in queue) or the broker (an external transport),
/// in seconds: 1 ms to 60 s buckets.
/// </summary>
public static class FireLateness
{
    private static readonly InstrumentAdvice<double> Buckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    private static readonly Histogram<double> Lateness = TaskCenterMeter.Meter.CreateHistogram(
        "taskcenter.fire.lateness", "s", "Time from a fire's due time to its first hand-out to a consumer.", tags: null, advice: Buckets);

    private static readonly Histogram<double> PublishLateness = TaskCenterMeter.Meter.CreateHistogram(
        "taskcenter.fire.publish_lateness", "s", "Time from a fire's due time to the broker's confirm of it (external transport).", tags: null, advice: Buckets);

    public static void Record(TimeSpan late, KeyValuePair<string, object?> tag) => Lateness.Record(Seconds(late), tag);

    /// <summary>Records fires the broker confirmed at <paramref name="confirmedAt"/>.</summary>
    public static void RecordPublished(IReadOnlyList<Storage.FireRecord> fires, DateTimeOffset confirmedAt)
    {
        ArgumentNullException.ThrowIfNull(fires);
        foreach (var fire in fires)
        {
            PublishLateness.Record(Seconds(confirmedAt - fire.FireTime));
        }
    }

    // Clocks of several server instances may disagree by a little: never negative.
    private static double Seconds(TimeSpan late) => late > TimeSpan.Zero ? late.TotalSeconds : 0;
}
