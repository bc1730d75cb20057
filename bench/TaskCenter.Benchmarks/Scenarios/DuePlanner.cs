using TaskCenter.Benchmarks.Harness;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>
/// Picks how many jobs a scenario gives a system and when they are due, so that the system accepted all of them
/// before the first is due: it first adds a few calibration jobs the same way (after one unmeasured add per producer) (but due two hours ahead, so they never
/// fire during the run) to measure the system's add rate; N is reduced to what that rate adds within the mode's
/// scheduling budget; the first due time allows the mode's margin (1.5–2×) times the time the rate needs, plus the mode's lead, rounded up to a
/// whole second.
/// </summary>
public static class DuePlanner
{
    private const int ProducerCount = 8;

    /// <param name="run">The scenario run (settings, caps).</param>
    /// <param name="session">The started system.</param>
    /// <param name="requested">The scenario's N, already capped by the system's limits.</param>
    /// <param name="add">Adds job <c>index</c> due at <c>at</c> the way the scenario will (one-shot or recurring).</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static async Task<DuePlan> PlanAsync(
        ScenarioRun run, SystemSession session, int requested, Func<int, DateTimeOffset, CancellationToken, Task> add, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(session);
        var settings = run.Settings;
        var farAhead = Clock.CeilingSecond(session.Log.Now + TimeSpan.FromHours(2));
        Task Add(int i, CancellationToken ct) => add(JobIndices.CalibrationBase + i, farAhead, ct);

        // One add per producer first, unmeasured: connections, caches and JIT warm up, so the rate is not underestimated.
        await Producers.RunAsync(ProducerCount, ProducerCount, Add, TimeSpan.MaxValue, cancellationToken);
        var probes = Math.Clamp(requested / 20, 20, 1000);
        var calibration = await Producers.RunAsync(
            probes, ProducerCount, (i, ct) => Add(ProducerCount + i, ct), TimeSpan.MaxValue, cancellationToken);
        var perSecond = Math.Max(calibration.PerSecond, 1);
        var jobs = (int)Math.Min(requested, Math.Max(1, perSecond * settings.ScheduleBudget.TotalSeconds));
        var needed = TimeSpan.FromSeconds(jobs / perSecond * settings.DueMargin) + settings.MinLead;
        return new DuePlan(jobs, Clock.CeilingSecond(session.Log.Now + needed), perSecond, requested);
    }
}
