using TaskCenter.Benchmarks.Harness;
using TaskCenter.Benchmarks.Results;
using TaskCenter.Benchmarks.Stats;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>S4: J recurring jobs every second, K fires each; lateness, and fires missed or doubled per job.</summary>
public sealed class S4Recurring : IScenario
{
    private const string Fires = "fires_expected";
    private const string JobsOff = "jobs_off";
    private const int ProducerCount = 8;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public string Id => "S4";

    public string Title => "S4 recurring";

    public string Description =>
        "J jobs every 1 s, K fires each, all starting at the same whole second; each fire is matched to its job and " +
        "scheduled time: missed = expected fires not seen, doubled = a fire seen again, " +
        "'jobs off' = jobs whose fires differ from the K expected.";

    public IReadOnlyList<MetricColumn> Columns { get; } =
    [
        MetricKeys.JobsColumn,
        new(Fires, "fires expected", "N0"),
        .. MetricKeys.LatenessColumns,
        new(JobsOff, "jobs off", "N0"),
    ];

    public async Task RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await run.AttemptAsync("", async (row, ct) =>
        {
            await using var session = await SystemSession.StartAsync(run.Entry, run.Progress, ct);
            var fires = run.Settings.S4Fires;
            var plan = await DuePlanner.PlanAsync(
                run, session, run.Capped(run.Settings.S4Jobs), (i, at, c) => session.System.ScheduleRecurringAsync(i, at, Interval, fires, c), ct);
            var (jobs, first) = (plan.Jobs, plan.FirstDue);
            row.Metrics[MetricKeys.Jobs] = jobs;
            row.Metrics[Fires] = (long)jobs * fires;
            if (plan.Reduced)
            {
                row.AppendNote(plan.ReducedNote(run.Settings.ScheduleBudget));
            }

            await run.SayAsync($"adding {jobs:N0} jobs every {Interval.TotalSeconds:0} s × {fires} from {first:HH:mm:ss}");
            await Producers.RunAsync(
                jobs, ProducerCount, (i, c) => session.System.ScheduleRecurringAsync(i, first, Interval, fires, c), TimeSpan.MaxValue, ct);
            AuditToRow.NoteOverrun(row, session.Log.Now, first);

            var expected = ExpectedFires.Recurring(jobs, first, Interval, fires);
            var audit = await FireWaiter.WaitAsync(session.Log, expected, expected.LastDue() + run.Limits.FireDeadline, run.Settings.Grace, ct);
            AuditToRow.Fill(row, audit);
            row.Metrics[JobsOff] = audit.JobsOff;
        }, cancellationToken);
    }
}
