using TaskCenter.Benchmarks.Results;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>The figures several scenarios share, and their columns.</summary>
public static class MetricKeys
{
    public const string Jobs = "jobs";
    public const string P50 = "lateness_p50_ms";
    public const string P99 = "lateness_p99_ms";
    public const string Max = "lateness_max_ms";
    public const string Missed = "missed";
    public const string Doubled = "doubled";

    public static MetricColumn JobsColumn { get; } = new(Jobs, "jobs", "N0");

    /// <summary>Lateness p50, p99, max, then missed and doubled fires.</summary>
    public static IReadOnlyList<MetricColumn> LatenessColumns { get; } =
    [
        new(P50, "lateness p50 (ms)", "F1", Better.Lower),
        new(P99, "lateness p99 (ms)", "F1", Better.Lower),
        new(Max, "lateness max (ms)", "F1", Better.Lower),
        new(Missed, "missed", "N0"),
        new(Doubled, "doubled", "N0"),
    ];
}
