namespace TaskCenter.Benchmarks.Results;

/// <summary>One scenario's table: its columns and one row per system and variant.</summary>
public sealed class ScenarioResult
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public required IReadOnlyList<MetricColumn> Columns { get; init; }

    public List<SystemRow> Rows { get; init; } = [];

    /// <summary>The plot written for this scenario (file name beside the JSON), if any.</summary>
    public string? Plot { get; set; }
}
