using System.Diagnostics.Metrics;

namespace TaskCenter.Core.Telemetry;

/// <summary>How long after its fire time a fire reached its consumers, in seconds: 1 ms to 60 s buckets.</summary>
public static class FireLateness
{
    private static readonly Histogram<double> Lateness = TaskCenterMeter.Meter.CreateHistogram<double>(
        "taskcenter.fire.lateness",
        "s",
        "Time from a fire's due time to its first hand-out to a consumer.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    public static void Record(TimeSpan late, KeyValuePair<string, object?> tag) =>
        // Clocks of several server instances may disagree by a little: never negative.
        Lateness.Record(late > TimeSpan.Zero ? late.TotalSeconds : 0, tag);
}
