namespace TaskCenter.Benchmarks.Cli;

/// <summary>What the command line asked for.</summary>
public sealed record BenchmarkOptions
{
    public BenchmarkMode Mode { get; init; } = BenchmarkMode.Quick;

    /// <summary>Scenario ids (S1..S5); empty = all.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    /// <summary>System keys or "prefix*"; empty = all.</summary>
    public IReadOnlyList<string> Systems { get; init; } = [];

    /// <summary>Where the JSON and plots go; null = bench/results in the repository (or ./bench-results outside one).</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>S5's pending counts instead of the mode's.</summary>
    public IReadOnlyList<int>? Pending { get; init; }

    public bool Plots { get; init; } = true;

    public bool ShowHelp { get; init; }

    public bool ListSystems { get; init; }

    /// <summary>Run the fire-path measurement (Routing/FirePathBench) instead of the scenarios.</summary>
    public bool FirePath { get; init; }
}
