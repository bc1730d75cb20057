namespace TaskCenter.Benchmarks.Stats;

/// <summary>Percentiles of sorted samples, nearest-rank (the value below which p % of the samples lie, or equal).</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="percent"/>-th percentile (0–100) of <paramref name="sorted"/>, which must be sorted ascending and not empty.</summary>
    public static double Of(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No samples.", nameof(sorted));
        }

        if (percent <= 0)
        {
            return sorted[0];
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>p0, p1, ..., p100: 101 values.</summary>
    public static IReadOnlyList<double> Hundredths(IReadOnlyList<double> sorted)
    {
        var values = new double[101];
        for (var p = 0; p <= 100; p++)
        {
            values[p] = Math.Round(Of(sorted, p), 3);
        }

        return values;
    }
}
