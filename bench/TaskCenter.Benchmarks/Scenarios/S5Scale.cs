using System.Diagnostics;
using TaskCenter.Benchmarks.Harness;
using TaskCenter.Benchmarks.Results;
using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>
/// S5: a system holding 1 M or 10 M pending tasks: its memory, its start-up time until the first fire, and S3's
/// lateness on top of that many pending tasks.
/// </summary>
public sealed class S5Scale : IScenario
{
    private const string Pending = "pending";
    private const string Load = "load_s";
    private const string Startup = "startup_s";
    private const string Rss = "rss_mib";
    private const string PeakRss = "peak_rss_mib";
    private const string Heap = "heap_mib";
    private const int ProducerCount = 8;

    public string Id => "S5";

    public string Title => "S5 scale";

    public string Description =>
        "P pending one-shot jobs due a day ahead. Systems that can be preloaded (TaskCenter: rows written straight " +
        "into its SQLite file in one transaction, or into its PostgreSQL database with one COPY — set-up, not measured) " +
        "start on them; 'start-up' = from start until the first fire (a probe job already due). Others get the " +
        "pending jobs through ScheduleOnceAsync after start (no start-up figure). RSS = VmRSS of the server process " +
        "after start (in-process " +
        "systems have none of their own); peak = the server process's VmHWM at the end; managed heap = for in-process " +
        "systems, the harness's managed heap after a full GC with the system started and loaded. Then S3's run on top " +
        "of the P pending.";

    public IReadOnlyList<MetricColumn> Columns { get; } =
    [
        new(Pending, "pending", "N0"),
        new(Load, "load, set-up (s)", "F1"),
        new(Startup, "start-up to first fire (s)", "F2", Better.Lower),
        new(Rss, "RSS after start (MiB)", "N0", Better.Lower),
        new(PeakRss, "peak RSS (MiB)", "N0", Better.Lower),
        new(Heap, "managed heap (MiB)", "N0", Better.Lower),
        MetricKeys.JobsColumn,
        .. MetricKeys.LatenessColumns,
    ];

    public async Task RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var pending in run.Settings.S5Pending)
        {
            var variant = $"{pending:N0} pending";
            if (pending > run.Limits.MaxPending)
            {
                run.Skip(variant, $"over this system's cap of {run.Limits.MaxPending:N0} pending");
                continue;
            }

            if (!run.Traits.CanPreload && run.Settings.PendingAddBudget <= TimeSpan.Zero)
            {
                run.Skip(variant, $"pending jobs are added one by one for this system: not in {run.Settings.Name} mode");
                continue;
            }

            await run.AttemptAsync(variant, (row, ct) => OneSizeAsync(run, pending, row, ct), cancellationToken);
        }
    }

    private static async Task OneSizeAsync(ScenarioRun run, int pending, SystemRow row, CancellationToken cancellationToken)
    {
        await using var session = SystemSession.Create(run.Entry, run.Progress);
        row.Metrics[Pending] = pending;
        var farAhead = Clock.CeilingSecond(session.Log.Now + TimeSpan.FromDays(1));
        var clock = Stopwatch.StartNew();
        if (session.System is IPreloadablePending preload)
        {
            await run.SayAsync($"bulk-loading {pending:N0} pending jobs (set-up)");
            var load = new PendingLoad(pending, JobIndices.PendingBase, farAhead, JobIndices.Probe, Clock.FloorSecond(session.Log.Now));
            await preload.PreloadPendingAsync(load, cancellationToken);
            row.Metrics[Load] = clock.Elapsed.TotalSeconds;

            var startedAt = session.Log.Now;
            await session.StartAsync(cancellationToken);
            if (await WaitForProbeAsync(session.Log, startedAt + run.Limits.FireDeadline, cancellationToken) is { } probe)
            {
                row.Metrics[Startup] = (probe.StartedAt - startedAt).TotalSeconds;
            }
            else
            {
                row.AppendNote("the start-up probe did not fire");
            }
        }
        else
        {
            await session.StartAsync(cancellationToken);
            await run.SayAsync($"adding {pending:N0} pending jobs one by one (set-up)");
            var budget = run.Settings.PendingAddBudget;
            var added = await Producers.RunAsync(
                pending, ProducerCount, (i, ct) => session.System.ScheduleOnceAsync(JobIndices.PendingBase + i, farAhead, ct), budget, cancellationToken);
            row.Metrics[Load] = added.Elapsed.TotalSeconds;
            if (added.HitBudget)
            {
                // Figures with fewer pending than the row says would mislead; say how far it got instead.
                row.Status = RowStatus.Skipped;
                row.Note = $"added only {added.Done:N0} pending within the {budget.TotalSeconds:0} s budget ({added.PerSecond:N0}/s)";
                return;
            }

            row.AppendNote("pending added one by one after start (set-up); no start-up figure");
        }

        Memory(session.System, row);

        await SpreadRun.RunAsync(run, session, row, cancellationToken);
        if (session.System is IServerMemory server && server.SampleServerMemory() is { } end)
        {
            row.Metrics[PeakRss] = end.PeakRssMiB;
        }
    }

    /// <summary>
    /// The server process's RSS; for an in-process system the harness's managed heap after a full, compacting GC
    /// (the harness's RSS would also hold the harness, its fire log and what earlier runs left behind).
    /// </summary>
    private static void Memory(ISystemUnderTest system, SystemRow row)
    {
        if (system is IServerMemory server)
        {
            if (server.SampleServerMemory() is { } sample)
            {
                row.Metrics[Rss] = sample.RssMiB;
            }

            return;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        // GC.GetTotalMemory can come out negative under the regions GC (dotnet/runtime#106712); the last GC's figures cannot.
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        row.Metrics[Heap] = (info.HeapSizeBytes - info.FragmentedBytes) / 1024.0 / 1024.0;
        row.AppendNote("in-process: managed heap instead of RSS");
    }

    private static async Task<Fire?> WaitForProbeAsync(FireLog log, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (log.Now < deadline)
        {
            foreach (var fire in log.Snapshot())
            {
                if (fire.Index == JobIndices.Probe)
                {
                    return fire;
                }
            }

            await Task.Delay(10, cancellationToken);
        }

        return null;
    }
}
