using TaskCenter.Client;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// TaskCenter as a service is used: the real server process (default settings) on a <see cref="TaskCenterStorage"/>
/// (a SQLite file with synchronous FULL, or a throwaway PostgreSQL server with fsync on), adds over HTTP with
/// <see cref="TaskCenterClient"/>, and fires delivered to the harness by an <see cref="IFireDelivery"/>: the SDK's
/// consumer (<see cref="ConsumerDelivery"/>) or the server's pushes (<see cref="PushDelivery"/>).
/// <para>On PostgreSQL it can run several server processes on the one database, as a deployment behind a load balancer
/// does: job i is added through server i mod n, wrk (S1) spreads its connections over the servers, a consumer of the
/// jobs' group long-polls each server, and the memory is the servers' sum. S6's flood goes to the first server.</para>
/// </summary>
public sealed class TaskCenterEndToEnd : ISystemUnderTest, IPreloadablePending, IServerMemory, IKeyedServer
{
    private readonly BenchDirectory _directory = new("taskcenter-bench-e2e");
    private readonly TaskCenterStorage _storage;
    private readonly int _instances;
    private readonly List<WebProcess> _servers = [];
    private readonly List<TaskCenterClient> _clients = [];
    private readonly IFireDelivery _delivery;
    private IReadOnlyList<string> _serverSettings = [];
    private string? _apiKey;

    /// <param name="onPostgres">PostgreSQL instead of SQLite.</param>
    /// <param name="instances">Server processes on the one database (more than one only on PostgreSQL).</param>
    /// <param name="delivery">How fires reach the harness; the SDK consumer when null.</param>
    public TaskCenterEndToEnd(bool onPostgres = false, int instances = 1, IFireDelivery? delivery = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instances, 1);
        if (instances > 1 && !onPostgres)
        {
            throw new ArgumentException("Several server processes share a PostgreSQL database; SQLite is one process's file.", nameof(instances));
        }

        _storage = onPostgres ? TaskCenterStorage.Postgres() : TaskCenterStorage.Sqlite(_directory.DatabasePath);
        _instances = instances;
        _delivery = delivery ?? new ConsumerDelivery();
    }

    public string Name => _instances == 1 && !_storage.OnPostgres
        ? $"TaskCenter end to end (HTTP + {_delivery.Label})"
        : _instances == 1
            ? $"TaskCenter end to end on {_storage.Label} (HTTP + {_delivery.Label})"
            : $"TaskCenter end to end on {_storage.Label}, {_instances} servers (HTTP + {_delivery.Label})";

    public bool Durable => true;

    public IReadOnlyList<Uri> BaseAddresses => _servers.Count > 0
        ? [.. _servers.Select(server => server.BaseAddress)]
        : throw new InvalidOperationException("Start the system first.");

    public Task PreloadPendingAsync(PendingLoad load, CancellationToken cancellationToken) => _storage.PreloadAsync(load, cancellationToken);

    public MemorySample? SampleServerMemory()
    {
        var samples = _servers.Select(server => server.SampleMemory()).ToList();
        return samples.Count == 0 || samples.Any(sample => sample is null)
            ? null
            : new MemorySample(samples.Sum(sample => sample!.RssBytes), samples.Sum(sample => sample!.PeakRssBytes));
    }

    public void UseKeys(IReadOnlyList<string> serverSettings, string apiKey)
    {
        _serverSettings = serverSettings;
        _apiKey = apiKey;
    }

    public async Task StartAsync(FireLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var storage = await _storage.ArgumentsAsync(cancellationToken);
        var starting = Enumerable.Range(0, _instances)
            .Select(_ => TaskCenterServerProcess.StartAsync(_directory.Path, storage, _serverSettings, cancellationToken))
            .ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            // Those that did start are disposed with the system, also when another one failed.
            _servers.AddRange(starting.Where(start => start.IsCompletedSuccessfully).Select(start => start.Result));
        }

        foreach (var server in _servers)
        {
            var client = new TaskCenterClient(
                new TaskCenterClientOptions { BaseAddress = server.BaseAddress, ApiKey = _apiKey, Timeout = TimeSpan.FromSeconds(120) });
            _clients.Add(client);
        }

        await _delivery.StartAsync(_clients, log, cancellationToken);

        // Each server fires its share of the rounds through the delivery: in batches, as a warm-up need not measure adds.
        await ProcessWarmUp.RunAsync(
            log,
            ProcessWarmUp.FiresPerRound * _clients.Count,
            (first, count, due, ct) => Task.WhenAll(Enumerable.Range(first, count)
                .Select(index => NewTask.Once(JobPayload.TaskName, JobPayload.Data(index)))
                .Chunk(1_000)
                .Select((batch, i) => ClientFor(i).AddTasksAsync(batch, ct))),
            cancellationToken);
    }

    public Task ScheduleOnceAsync(int index, DateTimeOffset at, CancellationToken cancellationToken) =>
        ClientFor(index).AddTaskAsync(NewTask.Once(JobPayload.TaskName, JobPayload.Data(index), at), cancellationToken);

    public Task ScheduleRecurringAsync(int index, DateTimeOffset firstAt, TimeSpan interval, int count, CancellationToken cancellationToken) =>
        ClientFor(index).AddTaskAsync(
            NewTask.Every(JobPayload.TaskName, JobPayload.Data(index), interval) with { StartTime = firstAt, LoopCount = count },
            cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _delivery.StopAsync(cancellationToken);
        await Task.WhenAll(_servers.Select(server => server.TerminateAsync(cancellationToken)));
    }

    public async ValueTask DisposeAsync()
    {
        await _delivery.DisposeAsync();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await _storage.DisposeAsync();
        _directory.Dispose();
    }

    private TaskCenterClient ClientFor(int index) =>
        _clients.Count > 0 ? _clients[index % _clients.Count] : throw new InvalidOperationException("Start the system first.");
}
