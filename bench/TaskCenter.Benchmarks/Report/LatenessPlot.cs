using System.Globalization;
using ScottPlot;
using TaskCenter.Benchmarks.Results;

namespace TaskCenter.Benchmarks.Report;

/// <summary>
/// A scenario's lateness distribution as a PNG: one cumulative curve per system (and variant), lateness on a log
/// scale, so a millisecond scheduler and a polling one fit on one plot. S1 (no lateness) gets a bar chart of its rates.
/// </summary>
public static class LatenessPlot
{
    private const double FloorMs = 0.01;
    private const int MaxPointsPerCurve = 1000;
    private const int Width = 1100;
    private const int Height = 760;

    /// <summary>Writes the plot of <paramref name="scenario"/> to <paramref name="path"/>; false when it has nothing to plot.</summary>
    public static bool Save(ScenarioResult scenario, RunHeader header, string path)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(header);
        var curves = scenario.Rows.Where(r => r.Status == RowStatus.Ok && r.LatenessMs is { Count: > 0 }).ToList();
        if (curves.Count > 0)
        {
            SaveCdf(scenario, header, curves, path);
            return true;
        }

        var rate = scenario.Columns.FirstOrDefault(c => c.Better == Better.Higher);
        var bars = rate is null ? [] : scenario.Rows.Where(r => r.Status == RowStatus.Ok && r.Metrics.ContainsKey(rate.Key)).ToList();
        if (rate is null || bars.Count == 0)
        {
            return false;
        }

        SaveBars(scenario, header, rate, bars, path);
        return true;
    }

    private static void SaveCdf(ScenarioResult scenario, RunHeader header, List<SystemRow> rows, string path)
    {
        using var plot = new Plot();
        double low = double.MaxValue, high = double.MinValue;
        foreach (var row in rows)
        {
            var (xs, ys) = Cdf(row.LatenessMs!);
            var line = plot.Add.ScatterLine(xs, ys);
            line.LegendText = row.Label;
            line.LineWidth = 2;
            low = Math.Min(low, xs[0]);
            high = Math.Max(high, xs[^1]);
        }

        plot.Axes.Bottom.TickGenerator = LogTicks(Math.Floor(low), Math.Ceiling(high + 0.001));
        plot.Axes.SetLimitsX(Math.Floor(low), Math.Ceiling(high + 0.001));
        plot.Axes.SetLimitsY(0, 100);
        plot.XLabel($"lateness (ms, log scale; ≤ {FloorMs} ms drawn at {FloorMs})");
        plot.YLabel("fires started (%)");
        plot.Title($"{scenario.Title}: lateness distribution\n{Caption(header)}", size: 14);
        plot.ShowLegend(Edge.Bottom);
        plot.SavePng(path, Width, Height);
    }

    private static void SaveBars(ScenarioResult scenario, RunHeader header, MetricColumn rate, List<SystemRow> rows, string path)
    {
        using var plot = new Plot();
        var values = rows.Select(r => r.Metrics[rate.Key]).ToArray();
        var bars = plot.Add.Bars(values);
        bars.Horizontal = true;
        // The first row on top.
        bars.Bars.ToList().ForEach(bar => bar.Position = rows.Count - 1 - bar.Position);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, rows.Count).Select(i => (double)(rows.Count - 1 - i))], [.. rows.Select(r => r.Label)]);
        plot.Axes.Margins(left: 0, right: 0.1);
        plot.XLabel(rate.Header);
        plot.Title($"{scenario.Title}\n{Caption(header)}", size: 14);
        plot.SavePng(path, Width, Math.Max(300, 120 + (rows.Count * 60)));
    }

    /// <summary>Ticks for a log10 axis from 10^<paramref name="from"/> to 10^<paramref name="to"/>: labels at 1, 2, 5 × each decade, minor ticks between.</summary>
    private static ScottPlot.TickGenerators.NumericManual LogTicks(double from, double to)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var decades = to - from;
        for (var exponent = from; exponent <= to; exponent++)
        {
            for (var mantissa = 1; mantissa <= 9; mantissa++)
            {
                var position = exponent + Math.Log10(mantissa);
                if (position > to)
                {
                    break;
                }

                var labeled = mantissa == 1 || (decades <= 4 && mantissa is 2 or 5);
                if (labeled)
                {
                    ticks.AddMajor(position, (mantissa * Math.Pow(10, exponent)).ToString("0.##", CultureInfo.InvariantCulture));
                }
                else
                {
                    ticks.AddMinor(position);
                }
            }
        }

        return ticks;
    }

    /// <summary>Up to <see cref="MaxPointsPerCurve"/> points of the cumulative distribution: log10(lateness), percent at or below.</summary>
    private static (double[] Xs, double[] Ys) Cdf(IReadOnlyList<double> sortedMs)
    {
        var points = Math.Min(sortedMs.Count, MaxPointsPerCurve);
        var xs = new double[points];
        var ys = new double[points];
        for (var k = 0; k < points; k++)
        {
            var index = points == 1 ? sortedMs.Count - 1 : (int)((long)k * (sortedMs.Count - 1) / (points - 1));
            xs[k] = Math.Log10(Math.Max(sortedMs[index], FloorMs));
            ys[k] = (index + 1) * 100.0 / sortedMs.Count;
        }

        return (xs, ys);
    }

    private static string Caption(RunHeader header) =>
        $"{header.Machine.Cores} cores, {header.Machine.MemoryGiB:F0} GiB · {header.Date.UtcDateTime:yyyy-MM-dd HH:mm} UTC · commit {header.Commit} · {header.Mode}";
}
