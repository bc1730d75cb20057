using TaskCenter.Benchmarks.Harness;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>
/// The peers TaskCenter is compared with, as harness entries with the caps each can take on this machine (2 cores):
/// register them all with <c>.. PeerSystems.All</c> in <see cref="SystemRegistry.All"/>.
/// </summary>
/// <remarks>
/// <para>Each PostgreSQL peer starts a throwaway <see cref="TaskCenter.Testing.PostgresServer"/> of its own in StartAsync (a couple of
/// seconds, set-up) and stops it on dispose, so every run starts on an empty, cold server; that server is a separate
/// process, so its memory is not in the harness's own.</para>
/// <para>Caps: the PostgreSQL peers schedule a few hundred jobs a second (one transaction per job), so 10k (Quartz)
/// and 5k (Hangfire) jobs, no S5 (a million pending would take most of an hour to schedule), and 3 minutes to fire a
/// job, as a burst drains at their firing rate. The in-memory peers take 100k and 1M pending, not 10M (gigabytes of
/// job objects). Hangfire schedules a recurring job of N fires as N delayed jobs, so S4 costs it N times the
/// schedule calls.</para>
/// <para>BullMQ starts a throwaway Redis and its Node.js process per instance (under a second). It takes every N: it
/// adds a few thousand jobs a second and fires as fast, so a 100k burst drains within the 60 s deadline. No S5: its
/// pending jobs would be added one by one, and a million of them take about the whole 3-minute budget.</para>
/// </remarks>
public static class PeerSystems
{
    private static readonly SystemLimits InMemory = new() { MaxTasks = 100_000, MaxPending = 1_000_000 };

    private static readonly SystemLimits OnPostgres = new() { MaxPending = 0, FireDeadline = TimeSpan.FromMinutes(3) };

    public static IReadOnlyList<SystemEntry> All { get; } =
    [
        new("quartz-ram", () => new QuartzRam(), InMemory),
        new("hangfire-inmemory", () => new HangfireInMemory(), InMemory),
        new("quartz-ado-postgres", () => new QuartzAdoPostgres(), OnPostgres with { MaxTasks = 10_000 }),
        new("hangfire-postgres-fast", () => new HangfirePostgres(fastPolling: true), OnPostgres with { MaxTasks = 5_000 }),
        new("hangfire-postgres-default", () => new HangfirePostgres(fastPolling: false), OnPostgres with { MaxTasks = 5_000 }),
        new("bullmq", () => new BullMqPeer(), new SystemLimits { MaxPending = 0 }, Note: BullMqPeer.DurabilityNote),
    ];
}
