using System.Text;
using System.Text.RegularExpressions;
using TaskCenter.Core.Access;

namespace TaskCenter.Server.Metrics;

/// <summary>
/// A scrape as a scoped key may see it: only the series of its consumer groups (a <c>group</c> label its group scope
/// matches). Every other series counts the work of all teams together (fires, tasks, requests), so it is left out,
/// and so are the HELP and TYPE lines of a metric with no series left.
/// </summary>
public static partial class ScopedMetrics
{
    /// <summary>Filters a scrape in the Prometheus (or OpenMetrics) text format, one metric family after another.</summary>
    public static string Filter(string scrape, NameScope groups)
    {
        var kept = new StringBuilder();
        var header = new List<string>();
        var samples = new List<string>();
        string? family = null;
        foreach (var line in scrape.Split('\n'))
        {
            if (FamilyOf(line) is { } name)
            {
                if (name != family)
                {
                    Flush(kept, header, samples);
                    family = name;
                }

                header.Add(line);
            }
            else if (line.StartsWith('#'))
            {
                Flush(kept, header, samples);
                family = null;
                kept.Append(line).Append('\n'); // # EOF
            }
            else if (GroupLabel().Match(line) is { Success: true } group && groups.Matches(group.Groups[1].Value))
            {
                samples.Add(line);
            }
        }

        Flush(kept, header, samples);
        return kept.ToString();
    }

    /// <summary>The metric a <c># HELP</c>, <c># TYPE</c> or <c># UNIT</c> line describes; null for any other line.</summary>
    private static string? FamilyOf(string line) =>
        line.Split(' ', 4) is ["#", "HELP" or "TYPE" or "UNIT", var name, ..] ? name : null;

    private static void Flush(StringBuilder kept, List<string> header, List<string> samples)
    {
        if (samples.Count > 0)
        {
            header.ForEach(line => kept.Append(line).Append('\n'));
            samples.ForEach(line => kept.Append(line).Append('\n'));
        }

        header.Clear();
        samples.Clear();
    }

    // Group names hold letters, digits and _ - . : only: no quote or backslash to unescape.
    [GeneratedRegex("[{,]group=\"([^\"]*)\"")]
    private static partial Regex GroupLabel();
}
