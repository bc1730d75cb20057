namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// One scheduler as the harness drives it: TaskCenter (in-process or end to end) or a peer (Quartz.NET, Hangfire).
/// Every system schedules jobs whose body only records, through <see cref="FireLog"/>, the job's index, its
/// scheduled time and the moment the body started. Nothing else runs in the job, so the figures measure the
/// scheduler, not the work.
/// </summary>
public interface ISystemUnderTest : IAsyncDisposable
{
    /// <summary>Shown in the tables, e.g. "Quartz RAM" or "TaskCenter in-process (SQLite)".</summary>
    string Name { get; }

    /// <summary>Whether a scheduled job survives a crash of the process (Quartz RAM and Hangfire InMemory do not).</summary>
    bool Durable { get; }

    /// <summary>Starts the scheduler with an empty store; fires go to <paramref name="log"/>.</summary>
    Task StartAsync(FireLog log, CancellationToken cancellationToken);

    /// <summary>Schedules job <paramref name="index"/> to run once at <paramref name="at"/>. Returns once the scheduler accepted it (durably, for durable systems).</summary>
    Task ScheduleOnceAsync(int index, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Schedules job <paramref name="index"/> to run every <paramref name="interval"/> from <paramref name="firstAt"/>, <paramref name="count"/> times.</summary>
    Task ScheduleRecurringAsync(int index, DateTimeOffset firstAt, TimeSpan interval, int count, CancellationToken cancellationToken);

    /// <summary>Stops the scheduler (the harness then disposes it).</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
