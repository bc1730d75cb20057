using System.Globalization;
using TaskCenter.Benchmarks.Harness;
using TaskCenter.Benchmarks.Results;
using TaskCenter.Benchmarks.Stats;
using TaskCenter.Benchmarks.Systems;
using TaskCenter.Benchmarks.Wrk;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>S1: how fast a system accepts one-shot jobs due 60 s ahead, with 1 and 8 concurrent producers (and, for TaskCenter's HTTP API, wrk with 64 connections).</summary>
public sealed class S1ScheduleRate : IScenario
{
    private const string Seconds = "seconds";
    private const string Rate = "tasks_per_s";
    private const string CallP50 = "call_p50_ms";
    private const string CallP99 = "call_p99_ms";
    private const string Errors = "errors";
    private const int WrkConnections = 64;
    private static readonly TimeSpan DueAhead = TimeSpan.FromSeconds(60);

    public string Id => "S1";

    public string Title => "S1 schedule rate";

    public string Description =>
        "One-shot jobs due 60 s ahead (nothing fires meanwhile), added by 1 and by 8 concurrent callers of ScheduleOnceAsync, " +
        "each variant on a fresh instance, until N or the time budget; tasks/s = jobs accepted / elapsed. " +
        "For TaskCenter's HTTP API also wrk with 64 connections POSTing /v1/api/task (unique data per request), after an " +
        "unmeasured warm-up run of wrk; its 'call' latencies are wrk's request latencies. Right before it, the same wrk " +
        "runs against the Kestrel floor: a minimal Kestrel app reading the same JSON and answering the same shape, with no storage.";

    public IReadOnlyList<MetricColumn> Columns { get; } =
    [
        MetricKeys.JobsColumn,
        new(Seconds, "seconds", "F1"),
        new(Rate, "tasks/s", "N0", Better.Higher),
        new(CallP50, "call p50 (ms)", "F3", Better.Lower),
        new(CallP99, "call p99 (ms)", "F3", Better.Lower),
        new(Errors, "errors", "N0"),
    ];

    public async Task RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var producers in new[] { 1, 8 })
        {
            var variant = producers == 1 ? "1 producer" : $"{producers} producers";
            await run.AttemptAsync(variant, (row, ct) => ProducersAsync(run, producers, row, ct), cancellationToken);
        }

        await HttpAsync(run, cancellationToken);
    }

    private static async Task ProducersAsync(ScenarioRun run, int producers, SystemRow row, CancellationToken cancellationToken)
    {
        await using var session = await SystemSession.StartAsync(run.Entry, run.Progress, cancellationToken);
        var jobs = run.Capped(run.Settings.S1Tasks);
        await run.SayAsync($"adding up to {jobs:N0} jobs with {producers} producer(s), budget {run.Settings.S1Budget.TotalSeconds:0} s");
        var result = await Producers.RunAsync(
            jobs,
            producers,
            (i, ct) => session.System.ScheduleOnceAsync(i, Clock.CeilingSecond(session.Log.Now + DueAhead), ct),
            run.Settings.S1Budget,
            cancellationToken);
        row.Metrics[MetricKeys.Jobs] = result.Done;
        row.Metrics[Seconds] = result.Elapsed.TotalSeconds;
        row.Metrics[Rate] = result.PerSecond;
        row.Metrics[Errors] = 0;
        if (result.CallMs.Count > 0)
        {
            row.Metrics[CallP50] = Percentiles.Of(result.CallMs, 50);
            row.Metrics[CallP99] = Percentiles.Of(result.CallMs, 99);
        }

        if (result.HitBudget)
        {
            row.AppendNote(string.Create(CultureInfo.InvariantCulture, $"stopped at the {run.Settings.S1Budget.TotalSeconds:0} s budget"));
        }
    }

    private static async Task HttpAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        const string variant = "HTTP, wrk 64 connections";
        if (!run.Traits.HasHttpApi)
        {
            return;
        }

        if (run.Settings.S1WrkDuration <= TimeSpan.Zero)
        {
            run.Skip(variant, $"wrk is not run in {run.Settings.Name} mode");
            return;
        }

        if (WrkRunner.Find() is not { } wrk)
        {
            run.Skip(variant, "wrk is not installed (Debian: apt-get install -y wrk)");
            return;
        }

        // The floor right before the system, on the same machine in the same state: the ratio between them is the figure.
        double? floor = null;
        await run.AttemptAsync(run.AddReferenceRow(KestrelFloor.Key, KestrelFloor.Name, variant), async (row, ct) =>
        {
            await using var app = await KestrelFloor.StartAsync(ct);
            var result = await WrkAsync(run, wrk, [app.BaseAddress], Clock.CeilingSecond(DateTimeOffset.UtcNow + DueAhead), ct);
            Record(row, result);
            floor = result.RequestsPerSecond;
            row.AppendNote(KestrelFloor.Note);
        }, cancellationToken);

        await run.AttemptAsync(variant, async (row, ct) =>
        {
            await using var session = await SystemSession.StartAsync(run.Entry, run.Progress, ct);
            var servers = ((IHttpEndpoint)session.System).BaseAddresses;
            var result = await WrkAsync(run, wrk, servers, Clock.CeilingSecond(session.Log.Now + DueAhead), ct);
            Record(row, result);
            if (floor is > 0 and var floorRate)
            {
                row.AppendNote(string.Create(CultureInfo.InvariantCulture, $"{result.RequestsPerSecond / floorRate:P0} of the Kestrel floor"));
            }

            if (servers.Count > 1)
            {
                row.AppendNote($"wrk spread over the {servers.Count} servers (one thread each)");
            }

            row.AppendNote("wrk shares the 2 cores with the server");
        }, cancellationToken);
    }

    /// <summary>
    /// A warm-up run (unmeasured, so the JIT has tiered up the path as in a server that has run a while), then the
    /// measured one. Both add tasks due at <paramref name="due"/>, after both runs end.
    /// </summary>
    private static async Task<WrkResult> WrkAsync(ScenarioRun run, string wrk, IReadOnlyList<Uri> servers, DateTimeOffset due, CancellationToken cancellationToken)
    {
        if (run.Settings.S1WrkWarmup > TimeSpan.Zero)
        {
            await run.SayAsync($"wrk warm-up, {WrkConnections} connections, {run.Settings.S1WrkWarmup.TotalSeconds:0} s");
            await WrkRunner.RunAsync(wrk, servers, WrkConnections, run.Settings.S1WrkWarmup, due, cancellationToken);
        }

        await run.SayAsync($"wrk, {WrkConnections} connections, {run.Settings.S1WrkDuration.TotalSeconds:0} s");
        return await WrkRunner.RunAsync(wrk, servers, WrkConnections, run.Settings.S1WrkDuration, due, cancellationToken);
    }

    private static void Record(SystemRow row, WrkResult result)
    {
        row.Metrics[MetricKeys.Jobs] = result.Requests;
        row.Metrics[Seconds] = result.Seconds;
        row.Metrics[Rate] = result.RequestsPerSecond;
        row.Metrics[Errors] = result.Non2xx + result.SocketErrors;
        if (result.P50Ms is { } p50)
        {
            row.Metrics[CallP50] = p50;
        }

        if (result.P99Ms is { } p99)
        {
            row.Metrics[CallP99] = p99;
        }
    }
}
