namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>What a set of concurrent producers did: how many calls completed, in how long, and each call's duration.</summary>
/// <param name="Done">Calls completed.</param>
/// <param name="Elapsed">From the first call to the last completion.</param>
/// <param name="HitBudget">True when the time budget stopped them before all calls were made.</param>
/// <param name="CallMs">Each call's duration in ms, ascending.</param>
public sealed record ProducerRun(int Done, TimeSpan Elapsed, bool HitBudget, IReadOnlyList<double> CallMs)
{
    public double PerSecond => Elapsed > TimeSpan.Zero ? Done / Elapsed.TotalSeconds : 0;
}
