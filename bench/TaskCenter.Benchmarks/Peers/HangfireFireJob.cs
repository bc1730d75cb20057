using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>
/// The Hangfire job of every Hangfire peer. Hangfire stores a job as a serialised method call (type, method, JSON
/// arguments), so the <see cref="FireLog"/> cannot travel with it: the method is an instance method and
/// <see cref="HangfireFireJobActivator"/>, which each peer's server is given, builds the instance around that peer's log.
/// No static state, so one peer's fires never land in another's log. The scheduled time travels as an argument.
/// </summary>
public sealed class HangfireFireJob(FireLog log)
{
    public void Run(int index, DateTimeOffset scheduledAt) => log.Record(index, scheduledAt);
}
