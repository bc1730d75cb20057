namespace TaskCenter.Benchmarks.Stats;

/// <summary>Lateness (handler start − scheduled time) of a set of fires, in milliseconds.</summary>
public sealed record LatenessSummary(int Count, double P50Ms, double P99Ms, double MaxMs, double MeanMs)
{
    /// <summary>Summarizes <paramref name="sortedMs"/> (ascending); null when there is none.</summary>
    public static LatenessSummary? Of(IReadOnlyList<double> sortedMs)
    {
        ArgumentNullException.ThrowIfNull(sortedMs);
        if (sortedMs.Count == 0)
        {
            return null;
        }

        return new LatenessSummary(
            sortedMs.Count,
            Percentiles.Of(sortedMs, 50),
            Percentiles.Of(sortedMs, 99),
            sortedMs[^1],
            sortedMs.Average());
    }
}
