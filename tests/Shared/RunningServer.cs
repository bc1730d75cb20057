using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TaskCenter.Server;

namespace TaskCenter.Testing;

/// <summary>
/// A real TaskCenter server in this process: Kestrel on a free loopback port, on a real SQLite file in a temporary
/// folder or a fresh PostgreSQL database, delivering through its built-in queue or RabbitMQ (<see cref="TestBackend"/>).
/// Settings override configuration keys (e.g. "Queue:RetryDelays:0"); a url (e.g. "http://127.0.0.1:5123") chooses the
/// address instead of a free port; servers of the test's own (<see cref="BackendServers"/>) replace the shared ones.
/// Its log is kept in <see cref="Logs"/>: warnings and above, and what settings such as "Logging:LogLevel:Category" add.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsDirectory;

    private RunningServer(
        WebApplication app, Uri baseAddress, string dataDirectory, bool ownsDirectory, RabbitMqEndpoint? rabbitMq, RecordingLoggerProvider logs)
    {
        _app = app;
        Logs = logs;
        _ownsDirectory = ownsDirectory;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        RabbitMq = rabbitMq;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(90) };
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    /// <summary>Where consumers read this server's fires when it delivers through RabbitMQ; <see langword="null"/> on the built-in queue.</summary>
    public RabbitMqEndpoint? RabbitMq { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The server's log entries.</summary>
    public RecordingLoggerProvider Logs { get; }

    public static async Task<RunningServer> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        TimeProvider? time = null,
        string? url = null,
        TestBackend backend = TestBackend.Sqlite,
        BackendServers? servers = null)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= TempDirectory.Create("taskcenter-server");
        try
        {
            return await StartInAsync(dataDirectory, ownsDirectory, settings, time, url, backend, servers);
        }
        catch
        {
            // A server that failed to start (e.g. refused its configuration) leaves no folder behind.
            if (ownsDirectory)
            {
                TempDirectory.Delete(dataDirectory);
            }

            throw;
        }
    }

    private static async Task<RunningServer> StartInAsync(
        string dataDirectory,
        bool ownsDirectory,
        IReadOnlyDictionary<string, string?>? settings,
        TimeProvider? time,
        string? url,
        TestBackend backend,
        BackendServers? servers)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(dataDirectory, "taskcenter.db"),
            ["Storage:Sqlite:Synchronous"] = "Normal",
        };
        var backendSettings = await TestBackends.SettingsAsync(backend, servers);
        foreach (var (key, value) in backendSettings.Configuration.Concat(settings ?? new Dictionary<string, string?>()))
        {
            configuration[key] = value;
        }

        var logs = new RecordingLoggerProvider();
        var app = TaskCenterApp.Build([], builder =>
        {
            builder.WebHost.UseUrls(url ?? "http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddProvider(logs);
            if (time is not null)
            {
                builder.Services.Replace(ServiceDescriptor.Singleton(time));
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningServer(app, new Uri(address + "/"), dataDirectory, ownsDirectory, backendSettings.RabbitMq, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDirectory)
        {
            TempDirectory.Delete(DataDirectory);
        }
    }
}
