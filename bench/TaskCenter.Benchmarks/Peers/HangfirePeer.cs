using Hangfire;
using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>
/// What the Hangfire 1.8 peers share: a <see cref="BackgroundJobServer"/> in-process on the peer's own storage (not
/// <c>JobStorage.Current</c>), <see cref="WorkerCount"/> workers (default: min(5 × cores, 20), 10 here), and a
/// <see cref="BackgroundJobClient"/> that schedules delayed jobs.
/// </summary>
/// <remarks>
/// <para>How Hangfire fires a delayed job: its DelayedJobScheduler polls the "schedule" set every
/// <see cref="BackgroundJobServerOptions.SchedulePollingInterval"/>, moves due jobs to the queue, and a worker then
/// picks them up. The set's scores are whole Unix seconds (JobHelper.ToTimestamp truncates), so a job due at
/// 12:00:00.700 is due from 12:00:00.000: Hangfire can start a job up to one second <em>early</em>, and the lateness
/// it reports is negative then. Times aligned to whole seconds avoid that.</para>
/// <para>Recurring: Hangfire's recurring jobs are cron based (a 6-field cron with seconds is accepted in 1.8), but
/// cron cannot say "from this instant, every interval, N times" (no start time, no count, intervals must divide a
/// minute, and the arguments — so the scheduled time — are fixed), so a recurring item is scheduled as
/// <c>count</c> delayed jobs, one per occurrence.</para>
/// <para>Serializer and data format as Hangfire's getting-started guide sets them (process-wide, idempotent):
/// compatibility level 1.8, simple assembly names, recommended serializer settings.</para>
/// </remarks>
public abstract class HangfirePeer : ISystemUnderTest
{
    public const int WorkerCount = 20;

    private static int s_instances;
    private JobStorage? _storage;
    private BackgroundJobServer? _server;
    private BackgroundJobClient? _client;

    public abstract string Name { get; }

    public abstract bool Durable { get; }

    /// <summary>How often the DelayedJobScheduler looks for due jobs.</summary>
    protected abstract TimeSpan SchedulePollingInterval { get; }

    public async Task StartAsync(FireLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (_server is not null)
        {
            throw new InvalidOperationException($"{Name} was already started.");
        }

        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();

        _storage = await CreateStorageAsync(cancellationToken);
        _client = new BackgroundJobClient(_storage);
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = $"bench-{GetType().Name}-{Interlocked.Increment(ref s_instances)}",
                WorkerCount = WorkerCount,
                SchedulePollingInterval = SchedulePollingInterval,
                Activator = new HangfireFireJobActivator(log),
            },
            _storage);
    }

    public Task ScheduleOnceAsync(int index, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Client.Schedule<HangfireFireJob>(job => job.Run(index, at), at);
        return Task.CompletedTask;
    }

    public Task ScheduleRecurringAsync(int index, DateTimeOffset firstAt, TimeSpan interval, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var occurrence = 0; occurrence < count; occurrence++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var at = firstAt + (interval * occurrence);
            Client.Schedule<HangfireFireJob>(job => job.Run(index, at), at);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            _server.SendStop();
            await _server.WaitForShutdownAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _server = null;
        (_storage as IDisposable)?.Dispose();
        _storage = null;
        await DisposeStoreAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates the peer's storage, empty.</summary>
    protected abstract Task<JobStorage> CreateStorageAsync(CancellationToken cancellationToken);

    /// <summary>Releases what <see cref="CreateStorageAsync"/> set up beyond the storage, after the server is gone.</summary>
    protected virtual ValueTask DisposeStoreAsync() => ValueTask.CompletedTask;

    private BackgroundJobClient Client => _client ?? throw new InvalidOperationException($"{Name} is not started.");
}
