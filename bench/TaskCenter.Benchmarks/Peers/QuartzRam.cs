using Quartz;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>
/// Quartz.NET 4.7.3 with its in-memory store (RAMJobStore): nothing survives the process. Store settings are the
/// defaults (misfire threshold 5 s); thread pool and batching as in <see cref="QuartzPeer"/>.
/// </summary>
public sealed class QuartzRam : QuartzPeer
{
    public const string DisplayName = "Quartz.NET RAM";

    public override string Name => DisplayName;

    public override bool Durable => false;

    protected override Task<Action<IQuartzBuilder>> PrepareStoreAsync(CancellationToken cancellationToken) =>
        Task.FromResult<Action<IQuartzBuilder>>(quartz => quartz.UseInMemoryStore());
}
