using System.Globalization;
using System.Text;
using TaskCenter.Benchmarks.Results;

namespace TaskCenter.Benchmarks.Report;

/// <summary>
/// The tables as Markdown, ready to paste into docs: per scenario the figures of every system, then the ratios
/// TaskCenter / peer, then a caption with machine, date, commit and mode.
/// </summary>
public static class MarkdownReport
{
    private const string NotMeasured = "–";

    public static string Header(RunHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return $"""
            # TaskCenter benchmarks ({header.Mode})

            - machine: {header.Machine.Summary}
            - date: {header.Date.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC
            - commit: {header.Commit}
            - systems: {string.Join(", ", header.Systems)}
            - command: {header.Arguments}

            """;
    }

    public static string Scenario(ScenarioResult scenario, RunHeader header)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(header);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {scenario.Title}").AppendLine();
        text.AppendLine(scenario.Description).AppendLine();
        Table(text, ["system", "durable", .. scenario.Columns.Select(c => c.Header), "note"], scenario.Rows.Select(row => (IEnumerable<string>)
        [
            row.Label,
            row.Durable ? "yes" : "no",
            .. scenario.Columns.Select(c => row.Status == RowStatus.Ok ? Cell(row, c) : NotMeasured),
            Escape(row.Status switch
            {
                RowStatus.Skipped => $"skipped: {row.Note}",
                RowStatus.Failed => $"FAILED: {row.Note}",
                _ => row.Note,
            }),
        ]), firstNumeric: 2, lastNumeric: scenario.Columns.Count + 1);
        Ratios(text, scenario);
        if (scenario.Plot is { } plot)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Plot: {plot}");
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"_{header.Caption}_").AppendLine();
        return text.ToString();
    }

    /// <summary>
    /// Every TaskCenter row against every peer row of the same variant, per compared figure: TaskCenter's value
    /// divided by the peer's. Rates: above 1 = TaskCenter ahead; times and sizes: below 1 = TaskCenter ahead.
    /// </summary>
    private static void Ratios(StringBuilder text, ScenarioResult scenario)
    {
        var compared = scenario.Columns.Where(c => c.Better != Better.None).ToList();
        var ours = scenario.Rows.Where(r => r.IsTaskCenter && r.Status == RowStatus.Ok).ToList();
        var peers = scenario.Rows.Where(r => !r.IsTaskCenter && r.Status == RowStatus.Ok).ToList();
        var pairs = (from o in ours from p in peers where o.Variant == p.Variant select (o, p)).ToList();
        if (compared.Count == 0 || pairs.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("Ratios TaskCenter / peer (rates: > 1 = TaskCenter ahead; times and sizes: < 1 = TaskCenter ahead):").AppendLine();
        Table(text, ["TaskCenter / peer", .. compared.Select(c => $"{c.Header} {(c.Better == Better.Higher ? "↑" : "↓")}")], pairs.Select(pair => (IEnumerable<string>)
        [
            $"{pair.o.System} / {pair.p.System}" + (pair.o.Variant.Length > 0 ? $" · {pair.o.Variant}" : ""),
            .. compared.Select(c => Ratio(pair.o, pair.p, c)),
        ]), firstNumeric: 1, lastNumeric: compared.Count);
    }

    private static string Ratio(SystemRow ours, SystemRow peer, MetricColumn column) =>
        ours.Metrics.TryGetValue(column.Key, out var a) && peer.Metrics.TryGetValue(column.Key, out var b) && b != 0
            ? (a / b).ToString("0.00", CultureInfo.InvariantCulture)
            : NotMeasured;

    private static string Cell(SystemRow row, MetricColumn column) =>
        row.Metrics.TryGetValue(column.Key, out var value) && double.IsFinite(value)
            ? value.ToString(column.Format, CultureInfo.InvariantCulture)
            : NotMeasured;

    /// <summary>A Markdown table; the columns from <paramref name="firstNumeric"/> to <paramref name="lastNumeric"/> are right-aligned.</summary>
    private static void Table(StringBuilder text, IReadOnlyList<string> headers, IEnumerable<IEnumerable<string>> rows, int firstNumeric, int lastNumeric)
    {
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Concat(headers.Select((_, i) => i >= firstNumeric && i <= lastNumeric ? "---:|" : "---|")));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
