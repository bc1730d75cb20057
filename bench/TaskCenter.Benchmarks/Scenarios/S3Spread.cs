using TaskCenter.Benchmarks.Harness;
using TaskCenter.Benchmarks.Results;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>S3: N one-shot jobs due evenly over a few seconds (10k/s for N = 100k over 10 s); lateness.</summary>
public sealed class S3Spread : IScenario
{
    private const string Spread = "spread_s";

    public string Id => "S3";

    public string Title => "S3 spread";

    public string Description =>
        "N one-shot jobs due evenly over S whole seconds (N/S per second), added beforehand by 8 producers; " +
        "lateness = body start − scheduled time.";

    public IReadOnlyList<MetricColumn> Columns { get; } =
    [
        MetricKeys.JobsColumn,
        new(Spread, "over (s)", "N0"),
        .. MetricKeys.LatenessColumns,
    ];

    public async Task RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await run.AttemptAsync("", async (row, ct) =>
        {
            await using var session = await SystemSession.StartAsync(run.Entry, run.Progress, ct);
            row.Metrics[Spread] = run.Settings.S3SpreadSeconds;
            await SpreadRun.RunAsync(run, session, row, ct);
        }, cancellationToken);
    }
}
