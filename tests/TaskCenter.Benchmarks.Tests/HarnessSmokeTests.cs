using TaskCenter.Benchmarks.Harness;
using TaskCenter.Benchmarks.Report;
using TaskCenter.Benchmarks.Results;
using TaskCenter.Benchmarks.Scenarios;

namespace TaskCenter.Benchmarks.Tests;

/// <summary>
/// Runs the harness in its quickest mode (tens of jobs) on TaskCenter's own systems, so it cannot rot. It checks what
/// the harness produces, never how fast anything was.
/// </summary>
public sealed class HarnessSmokeTests : IDisposable
{
    private static readonly string[] Systems =
        ["taskcenter-inproc", "taskcenter-e2e", "taskcenter-push", "taskcenter-inproc-postgres", "taskcenter-e2e-postgres", "taskcenter-e2e-postgres-3"];

    private static readonly string[] EndToEnd = ["taskcenter-e2e", "taskcenter-push", "taskcenter-e2e-postgres", "taskcenter-e2e-postgres-3"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"taskcenter-bench-smoke-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_smoke_run_prints_every_table_writes_the_json_and_plots_and_misses_no_fire()
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();

        var exitCode = await BenchmarkProgram.RunAsync(["--smoke", "--systems", "taskcenter*", "--out", _folder], output, progress, CancellationToken.None);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{progress}\n{output}");
        var tables = output.ToString();
        Assert.Contains("| system | durable |", tables, StringComparison.Ordinal);
        foreach (var scenario in ScenarioCatalog.All)
        {
            Assert.Contains($"## {scenario.Title}", tables, StringComparison.Ordinal);
        }

        var results = ResultsJson.Read(await File.ReadAllTextAsync(Directory.GetFiles(_folder, "*.json").Single()));
        Assert.NotNull(results);
        Assert.Equal(["S1", "S2", "S3", "S4", "S5", "S6"], results.Scenarios.Select(s => s.Id));
        Assert.All(results.Scenarios, scenario =>
        {
            Assert.Equal(Systems, scenario.Rows.Select(r => r.Key).Distinct());
            Assert.DoesNotContain(scenario.Rows, r => r.Status == RowStatus.Failed);
        });
        // Every system measures S2–S5; on PostgreSQL S5's pending tasks come from its bulk loader (COPY).
        Assert.All(
            results.Scenarios.Where(s => s.Id is not ("S1" or "S6")).SelectMany(s => s.Rows),
            row => Assert.True(row.Status == RowStatus.Ok, $"{row.Label}: {row.Status} ({row.Note})"));

        // S6 floods a server over HTTP: its three variants run end to end only.
        var noisy = results.Scenarios.Single(s => s.Id == "S6").Rows;
        Assert.All(noisy.Where(r => !EndToEnd.Contains(r.Key)), r => Assert.Equal(RowStatus.Skipped, r.Status));
        Assert.All(EndToEnd, key => Assert.Equal(3, noisy.Count(r => r.Key == key && r.Status == RowStatus.Ok)));
        foreach (var row in results.Scenarios.Where(s => s.Id != "S1").SelectMany(s => s.Rows).Where(r => r.Status == RowStatus.Ok))
        {
            Assert.True(row.Metrics[MetricKeys.Missed] == 0, $"{row.Label}: {row.Metrics[MetricKeys.Missed]} missed ({row.Note})");
            Assert.True(row.Metrics[MetricKeys.Doubled] == 0, $"{row.Label}: {row.Metrics[MetricKeys.Doubled]} doubled ({row.Note})");
            Assert.Equal(101, row.LatenessPercentilesMs?.Count);
        }

        Assert.All(results.Scenarios, scenario =>
        {
            Assert.NotNull(scenario.Plot);
            var png = File.ReadAllBytes(Path.Combine(_folder, scenario.Plot));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        });
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
