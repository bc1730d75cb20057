using TaskCenter.Benchmarks.Harness;
using TaskCenter.Benchmarks.Results;
using TaskCenter.Benchmarks.Stats;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>
/// S3's measurement, also run by S5 on top of its pending tasks: N one-shot jobs due evenly over the spread's whole
/// seconds (N / spread per second), added by 8 producers beforehand; lateness, missed and doubled fires.
/// </summary>
public static class SpreadRun
{
    private const int ProducerCount = 8;

    public static async Task RunAsync(ScenarioRun run, SystemSession session, SystemRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(row);
        var spread = run.Settings.S3SpreadSeconds;
        var plan = await DuePlanner.PlanAsync(run, session, run.Capped(run.Settings.S3Tasks), session.System.ScheduleOnceAsync, cancellationToken);
        var (jobs, firstDue) = (plan.Jobs, plan.FirstDue);
        row.Metrics[MetricKeys.Jobs] = jobs;
        if (plan.Reduced)
        {
            row.AppendNote(plan.ReducedNote(run.Settings.ScheduleBudget));
        }

        DateTimeOffset DueOf(int index) => firstDue.AddSeconds(index % spread);
        await run.SayAsync($"adding {jobs:N0} jobs due over {spread} s from {firstDue:HH:mm:ss}");
        await Producers.RunAsync(
            jobs, ProducerCount, (i, ct) => session.System.ScheduleOnceAsync(i, DueOf(i), ct), TimeSpan.MaxValue, cancellationToken);
        AuditToRow.NoteOverrun(row, session.Log.Now, firstDue);

        var expected = ExpectedFires.OneShots(jobs, DueOf);
        var deadline = firstDue.AddSeconds(spread - 1) + run.Limits.FireDeadline;
        var audit = await FireWaiter.WaitAsync(session.Log, expected, deadline, run.Settings.Grace, cancellationToken);
        AuditToRow.Fill(row, audit);
    }
}
