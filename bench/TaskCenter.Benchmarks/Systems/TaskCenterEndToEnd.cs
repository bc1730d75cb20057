using TaskCenter.Client;
using TaskCenter.Client.Consumer;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// TaskCenter as a service is used: the real server process (SQLite file, default settings: synchronous FULL), adds
/// over HTTP with <see cref="TaskCenterClient"/>, and the SDK's <see cref="TaskConsumer"/> whose handler records the fire.
/// </summary>
public sealed class TaskCenterEndToEnd : ISystemUnderTest, IPreloadablePending, IServerMemory, IKeyedServer
{
    private const int ConsumerConcurrency = 256;
    private readonly BenchDirectory _directory = new("taskcenter-bench-e2e");
    private WebProcess? _server;
    private TaskCenterClient? _client;
    private TaskConsumer? _consumer;
    private IReadOnlyList<string> _serverSettings = [];
    private string? _apiKey;

    public string Name => "TaskCenter end to end (HTTP + SDK consumer)";

    public bool Durable => true;

    public Uri BaseAddress => _server?.BaseAddress ?? throw new InvalidOperationException("Start the system first.");

    public Task PreloadPendingAsync(PendingLoad load, CancellationToken cancellationToken) =>
        SqliteBulkLoader.LoadAsync(_directory.DatabasePath, load, cancellationToken);

    public MemorySample? SampleServerMemory() => _server?.SampleMemory();

    public void UseKeys(IReadOnlyList<string> serverSettings, string apiKey)
    {
        _serverSettings = serverSettings;
        _apiKey = apiKey;
    }

    public async Task StartAsync(FireLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        _server = await TaskCenterServerProcess.StartAsync(_directory.Path, _directory.DatabasePath, _serverSettings, cancellationToken);
        _client = new TaskCenterClient(
            new TaskCenterClientOptions { BaseAddress = _server.BaseAddress, ApiKey = _apiKey, Timeout = TimeSpan.FromSeconds(120) });
        _consumer = new TaskConsumer(
            _client,
            new TaskConsumerOptions
            {
                Group = JobPayload.Group,
                MaxConcurrency = ConsumerConcurrency,
                Prefetch = ConsumerConcurrency,
                WaitTime = TimeSpan.FromSeconds(5),
                ShutdownTimeout = TimeSpan.FromSeconds(5),
                FailFastOnStart = true,
            });
        _consumer.Register("*", (context, _) =>
        {
            Record(log, context.Data, context.FireTime);
            return Task.CompletedTask;
        });

        // Returns once the group is subscribed, before anything is scheduled.
        await _consumer.StartAsync(cancellationToken);
    }

    public Task ScheduleOnceAsync(int index, DateTimeOffset at, CancellationToken cancellationToken) =>
        Client.AddTaskAsync(NewTask.Once(JobPayload.TaskName, JobPayload.Data(index), at), cancellationToken);

    public Task ScheduleRecurringAsync(int index, DateTimeOffset firstAt, TimeSpan interval, int count, CancellationToken cancellationToken) =>
        Client.AddTaskAsync(
            NewTask.Every(JobPayload.TaskName, JobPayload.Data(index), interval) with { StartTime = firstAt, LoopCount = count },
            cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_consumer is not null)
        {
            await _consumer.StopAsync(cancellationToken);
        }

        if (_server is not null)
        {
            await _server.TerminateAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_consumer is not null)
        {
            await _consumer.DisposeAsync();
        }

        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _directory.Dispose();
    }

    private TaskCenterClient Client => _client ?? throw new InvalidOperationException("Start the system first.");

    private static void Record(FireLog log, string data, DateTimeOffset fireTime)
    {
        if (JobPayload.TryParse(data, out var index))
        {
            log.Record(index, fireTime);
        }
    }
}
