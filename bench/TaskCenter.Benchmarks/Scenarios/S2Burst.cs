using TaskCenter.Benchmarks.Harness;
using TaskCenter.Benchmarks.Results;
using TaskCenter.Benchmarks.Stats;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>S2: N one-shot jobs all due in the same second; how long until the last one started, and the lateness of each.</summary>
public sealed class S2Burst : IScenario
{
    private const string LastStart = "last_start_s";
    private const string FireRate = "fires_per_s";
    private const int ProducerCount = 8;

    public string Id => "S2";

    public string Title => "S2 burst";

    public string Description =>
        "N one-shot jobs all due at the same whole second T (added beforehand by 8 producers); " +
        "'last start' = when the last job body started, after T; fires/s = jobs started / that time; " +
        "lateness = body start − scheduled time.";

    public IReadOnlyList<MetricColumn> Columns { get; } =
    [
        MetricKeys.JobsColumn,
        new(LastStart, "last start after T (s)", "F2", Better.Lower),
        new(FireRate, "fires/s", "N0", Better.Higher),
        .. MetricKeys.LatenessColumns,
    ];

    public async Task RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await run.AttemptAsync("", async (row, ct) =>
        {
            await using var session = await SystemSession.StartAsync(run.Entry, run.Progress, ct);
            var plan = await DuePlanner.PlanAsync(run, session, run.Capped(run.Settings.S2Tasks), session.System.ScheduleOnceAsync, ct);
            var (jobs, due) = (plan.Jobs, plan.FirstDue);
            row.Metrics[MetricKeys.Jobs] = jobs;
            if (plan.Reduced)
            {
                row.AppendNote(plan.ReducedNote(run.Settings.ScheduleBudget));
            }

            await run.SayAsync($"adding {jobs:N0} jobs due at {due:HH:mm:ss}");
            await Producers.RunAsync(jobs, ProducerCount, (i, c) => session.System.ScheduleOnceAsync(i, due, c), TimeSpan.MaxValue, ct);
            AuditToRow.NoteOverrun(row, session.Log.Now, due);

            var expected = ExpectedFires.OneShots(jobs, _ => due);
            var audit = await FireWaiter.WaitAsync(session.Log, expected, due + run.Limits.FireDeadline, run.Settings.Grace, ct);
            AuditToRow.Fill(row, audit);
            if (audit.LastStart is { } last)
            {
                var span = last - due;
                row.Metrics[LastStart] = span.TotalSeconds;
                row.Metrics[FireRate] = audit.Seen / Math.Max(span.TotalSeconds, 0.001);
            }
        }, cancellationToken);
    }
}
