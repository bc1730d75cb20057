namespace TaskCenter.Benchmarks.Results;

/// <summary>Everything a run produced; written as the results JSON.</summary>
public sealed class RunResults
{
    public required RunHeader Header { get; init; }

    public List<ScenarioResult> Scenarios { get; init; } = [];
}
