using TaskCenter.Benchmarks.Harness;
using TaskCenter.Benchmarks.Peers;
using TaskCenter.Benchmarks.Report;
using TaskCenter.Benchmarks.Results;
using TaskCenter.Benchmarks.Scenarios;

namespace TaskCenter.Benchmarks.Tests;

/// <summary>
/// Runs the BullMQ peer (Redis, the Node.js producer and worker) through S1–S4 in the harness's quickest mode, so the
/// service-level comparison cannot rot. It checks what the harness measured, never how fast.
/// </summary>
public sealed class BullMqPeerSmokeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"taskcenter-bench-bullmq-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_smoke_run_adds_delayed_and_repeatable_jobs_and_every_fire_comes_once()
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();

        var exitCode = await BenchmarkProgram.RunAsync(
            ["--smoke", "--systems", "bullmq", "--scenarios", "S1,S2,S3,S4", "--no-plots", "--out", _folder], output, progress, CancellationToken.None);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{progress}\n{output}");
        var results = ResultsJson.Read(await File.ReadAllTextAsync(Directory.GetFiles(_folder, "*.json").Single()));
        Assert.NotNull(results);
        var rows = results.Scenarios.ToDictionary(s => s.Id, s => s.Rows);
        Assert.Equal(["S1", "S2", "S3", "S4"], rows.Keys);
        Assert.All(rows.Values.SelectMany(r => r), row =>
        {
            Assert.Equal(RowStatus.Ok, row.Status);
            Assert.Equal(BullMqPeer.DisplayName, row.System);
            Assert.StartsWith(BullMqPeer.DurabilityNote, row.Note, StringComparison.Ordinal);
        });

        // S1: both producer counts added jobs (no HTTP API, so no wrk row).
        Assert.Equal(["1 producer", "8 producers"], rows["S1"].Select(r => r.Variant));
        Assert.All(rows["S1"], row => Assert.True(row.Metrics[MetricKeys.Jobs] > 0, row.Label));

        // S2–S4: delayed jobs and job schedulers fired, each expected fire once, with its lateness measured.
        foreach (var row in rows.Where(pair => pair.Key != "S1").Select(pair => Assert.Single(pair.Value)))
        {
            Assert.True(row.Metrics[MetricKeys.Jobs] > 0, row.Label);
            Assert.True(row.Metrics[MetricKeys.Missed] == 0, $"{row.Label}: {row.Metrics[MetricKeys.Missed]} missed ({row.Note})");
            Assert.True(row.Metrics[MetricKeys.Doubled] == 0, $"{row.Label}: {row.Metrics[MetricKeys.Doubled]} doubled ({row.Note})");
            Assert.Equal(101, row.LatenessPercentilesMs?.Count);
        }

        Assert.Equal(0, Assert.Single(rows["S4"]).Metrics["jobs_off"]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
