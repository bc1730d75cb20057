using Hangfire;
using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>Resolves <see cref="HangfireFireJob"/> for one peer's server, bound to that peer's <see cref="FireLog"/>.</summary>
public sealed class HangfireFireJobActivator(FireLog log) : JobActivator
{
    private readonly HangfireFireJob _job = new(log);

    public override object ActivateJob(Type jobType) => jobType == typeof(HangfireFireJob) ? _job : base.ActivateJob(jobType);
}
