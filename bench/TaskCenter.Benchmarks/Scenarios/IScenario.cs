using TaskCenter.Benchmarks.Results;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>One scenario, written once against <see cref="Systems.ISystemUnderTest"/>; it adds its rows to the run.</summary>
public interface IScenario
{
    /// <summary>"S1".."S5".</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>What it measures and how, in a sentence or two (printed above the table).</summary>
    string Description { get; }

    IReadOnlyList<MetricColumn> Columns { get; }

    /// <summary>Runs the scenario on one system: one or more variants, each on a fresh instance.</summary>
    Task RunAsync(ScenarioRun run, CancellationToken cancellationToken);
}
