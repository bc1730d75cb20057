using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Sqlite;
using TaskCenter.Testing;
using TaskCenter.Transport.RabbitMq.Health;

namespace TaskCenter.Transport.RabbitMq.Tests.Support;

/// <summary>
/// The server side of a test: SQLite (a real file) recording fires into its outbox, and the RabbitMQ transport
/// publishing them, on an exchange of the test's own. Fires are recorded as the engine records them: committed, then
/// announced to the fire listeners.
/// </summary>
public sealed class TransportHarness : IAsyncDisposable
{
    private static int s_ids;

    private readonly string _folder;
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _running = [];

    private TransportHarness(string folder, ServiceProvider services, string exchange, RecordingLoggerProvider logs)
    {
        _folder = folder;
        Ledger = services.GetRequiredService<IFireLedger>();
        _services = services;
        Exchange = exchange;
        Logs = logs;
    }

    /// <summary>The storage's fire ledger: its outbox, and the dead letters the transport records.</summary>
    public IFireLedger Ledger { get; }

    public string Exchange { get; }

    public RecordingLoggerProvider Logs { get; }

    public IServiceProvider Services => _services;

    public static async Task<TransportHarness> StartAsync(RabbitMqServer broker, Action<RabbitMqTransportOptions>? configure = null)
    {
        var folder = TempDirectory.Create("taskcenter-rabbitmq-tests");
        var exchange = Unique.Name("tc");
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug))
            .AddTaskCenterSqlite(options => options.Path = Path.Combine(folder, "taskcenter.db"))
            .AddTaskCenterRabbitMq(options =>
            {
                options.Uri = broker.AmqpUri;
                options.Exchange = exchange;
                options.ReconnectDelay = TimeSpan.FromMilliseconds(200);
                options.MaxReconnectDelay = TimeSpan.FromSeconds(1);
                options.UnroutedReofferInterval = TimeSpan.FromMilliseconds(300);
                configure?.Invoke(options);
            })
            .BuildServiceProvider();
        await services.GetRequiredService<IFireLedger>().InitializeAsync(CancellationToken.None);
        services.GetRequiredService<StorageReadiness>().Ready();
        var harness = new TransportHarness(folder, services, exchange, logs);
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            harness._running.Add(hosted);
        }

        // The topology exists once the transport connected: tests may bind their own queues to the exchange.
        await logs.WaitForAsync(entry => entry.Message.StartsWith("Connected to RabbitMQ", StringComparison.Ordinal));
        return harness;
    }

    /// <summary>Records one fire of a new one-shot task, as the engine does, and tells the fire listeners.</summary>
    public async Task<FireRecord> FireAsync(string name, string? data = null, DateTimeOffset? fireTime = null, bool ack = false, TimeSpan? lease = null)
    {
        var now = DateTimeOffset.UtcNow;
        var at = DateTimeOffset.FromUnixTimeMilliseconds((fireTime ?? now).ToUnixTimeMilliseconds());
        var task = new ScheduledTask
        {
            Id = NewId(),
            Name = name,
            Type = TaskType.OneShot,
            Data = data ?? Unique.Name("data"),
            Ack = ack,
            MaxRuntime = lease ?? TimeSpan.Zero,
            NextFireAt = at,
            CreatedAt = UnixSeconds.Truncate(now),
        };
        await _services.GetRequiredService<ITaskStore>().AddAsync(task, CancellationToken.None);
        var fire = new FireRecord
        {
            MsgId = NewId(),
            TaskId = task.Id,
            Name = name,
            Data = task.Data,
            FireTime = at,
            RecordedAt = now,
            Lease = lease,
            Ack = ack,
        };
        var finished = task with { State = TaskState.Finished, FiredCount = 1, NextFireAt = null, FinishedAt = now };
        var recorded = await Ledger.CommitAsync([new TaskAdvance(finished, [fire])], CancellationToken.None);
        foreach (var listener in _services.GetServices<IFireListener>())
        {
            listener.OnFired(recorded);
        }

        return fire;
    }

    public Task<long> CountUnpublishedAsync() => Ledger.CountUnpublishedAsync(1000, CancellationToken.None);

    /// <summary>Runs the transport's health check as the server's health endpoint would.</summary>
    public Task<HealthCheckResult> CheckHealthAsync()
    {
        var check = _services.GetRequiredService<RabbitMqHealthCheck>();
        var registration = new HealthCheckRegistration(RabbitMqHealthCheck.Name, check, HealthStatus.Unhealthy, tags: null);
        return check.CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in Enumerable.Reverse(_running))
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
        TempDirectory.Delete(_folder);
    }

    private static string NewId() =>
        (Interlocked.Increment(ref s_ids) + (Environment.ProcessId * 1_000_000L)).ToString("x24", CultureInfo.InvariantCulture);
}
