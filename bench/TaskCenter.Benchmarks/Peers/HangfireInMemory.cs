using Hangfire;
using Hangfire.InMemory;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>
/// Hangfire 1.8.25 on Hangfire.InMemory 1.0 storage: nothing survives the process. Queues are blocking in this
/// storage (a worker wakes as soon as a job is enqueued), so the only poll left is the DelayedJobScheduler's, set to
/// 100 ms instead of the default 15 s: any lower only spins for nothing, as due times are whole seconds anyway (see
/// <see cref="HangfirePeer"/>).
/// </summary>
public sealed class HangfireInMemory : HangfirePeer
{
    public const string DisplayName = "Hangfire InMemory";

    public override string Name => DisplayName;

    public override bool Durable => false;

    protected override TimeSpan SchedulePollingInterval => TimeSpan.FromMilliseconds(100);

    protected override Task<JobStorage> CreateStorageAsync(CancellationToken cancellationToken) =>
        Task.FromResult<JobStorage>(new InMemoryStorage(new InMemoryStorageOptions()));
}
