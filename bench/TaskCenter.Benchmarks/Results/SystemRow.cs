using System.Text.Json.Serialization;

namespace TaskCenter.Benchmarks.Results;

/// <summary>One system's figures in one scenario, for one variant (e.g. "8 producers" or "1,000,000 pending").</summary>
public sealed class SystemRow
{
    /// <summary>The system's registry key (as given to --systems).</summary>
    public required string Key { get; init; }

    /// <summary>The system's display name.</summary>
    public required string System { get; init; }

    public required bool Durable { get; init; }

    public required bool IsTaskCenter { get; init; }

    /// <summary>Which variant of the scenario; empty when the scenario has one.</summary>
    public string Variant { get; init; } = "";

    public RowStatus Status { get; set; } = RowStatus.Ok;

    /// <summary>Why a row was skipped or failed, or what to know about its figures.</summary>
    public string Note { get; set; } = "";

    /// <summary>The figures, by <see cref="MetricColumn.Key"/>; a missing key is "not measured".</summary>
    public Dictionary<string, double> Metrics { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Lateness percentiles p0, p1, ..., p100 in milliseconds (101 values), so runs can be compared and plots redrawn.</summary>
    public IReadOnlyList<double>? LatenessPercentilesMs { get; set; }

    /// <summary>Every lateness in milliseconds, sorted; for the plot only (not written to the JSON).</summary>
    [JsonIgnore]
    public IReadOnlyList<double>? LatenessMs { get; set; }

    /// <summary>The label in tables and plots: the system, and the variant when there is one.</summary>
    [JsonIgnore]
    public string Label => Variant.Length == 0 ? System : $"{System} · {Variant}";

    public void AppendNote(string note) => Note = Note.Length == 0 ? note : $"{Note}; {note}";
}
