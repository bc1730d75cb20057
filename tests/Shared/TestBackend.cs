using System.Globalization;

namespace TaskCenter.Testing;

/// <summary>The storage and delivery a test server runs on; suites run once per backend.</summary>
public enum TestBackend
{
    /// <summary>The embedded default: a SQLite file in the server's data folder, the built-in queue.</summary>
    Sqlite,

    /// <summary>A fresh database on the test run's PostgreSQL server, the built-in queue.</summary>
    Postgres,

    /// <summary>A fresh database on the test run's PostgreSQL server, delivery through the test run's RabbitMQ broker on an exchange of its own.</summary>
    PostgresRabbitMq,
}

/// <summary>Where consumers read a server's fires when it delivers through RabbitMQ: the broker and the server's exchange.</summary>
public sealed record RabbitMqEndpoint(Uri Uri, string Exchange);

/// <summary>
/// What puts a new server on a backend: its configuration keys, and the <see cref="RabbitMqEndpoint"/> its consumers read
/// from when it delivers through RabbitMQ (<see langword="null"/> on the built-in queue).
/// </summary>
public sealed record BackendSettings(IReadOnlyDictionary<string, string?> Configuration, RabbitMqEndpoint? RabbitMq)
{
    /// <summary>The configuration as command-line arguments of a server process (<c>--Key=value</c>).</summary>
    public string[] AsArguments() => [.. Configuration.Select(setting => $"--{setting.Key}={setting.Value}")];
}

/// <summary>Servers of the test's own that a backend runs on instead of the test run's shared ones: for tests that stop them.</summary>
public sealed record BackendServers(PostgresServer? Postgres = null, RabbitMqServer? RabbitMq = null);

public static class TestBackends
{
    private static int s_ownDatabases;

    /// <summary>
    /// The settings that put a new server on <paramref name="backend"/>: fresh storage and, with RabbitMQ, a fresh
    /// exchange (so servers sharing the broker never see each other's topology) on each call.
    /// </summary>
    public static async Task<BackendSettings> SettingsAsync(TestBackend backend, BackendServers? own = null) => backend switch
    {
        TestBackend.Sqlite => new BackendSettings(new Dictionary<string, string?>(), RabbitMq: null),
        TestBackend.Postgres => new BackendSettings(await PostgresAsync(own?.Postgres), RabbitMq: null),
        TestBackend.PostgresRabbitMq => await WithRabbitMqAsync(await PostgresAsync(own?.Postgres), own?.RabbitMq),
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, null),
    };

    private static async Task<Dictionary<string, string?>> PostgresAsync(PostgresServer? own) => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["Storage:Postgres:ConnectionString"] = own is null
            ? await SharedPostgres.NewDatabaseAsync("server")
            : await own.CreateDatabaseAsync("server_" + Interlocked.Increment(ref s_ownDatabases).ToString(CultureInfo.InvariantCulture)),
    };

    private static async Task<BackendSettings> WithRabbitMqAsync(Dictionary<string, string?> configuration, RabbitMqServer? own)
    {
        var broker = own ?? await SharedRabbitMq.ServerAsync();
        var endpoint = new RabbitMqEndpoint(broker.AmqpUri, $"tc-{Guid.NewGuid():N}");
        configuration["Delivery:Transport"] = "RabbitMq";
        configuration["Delivery:RabbitMq:Uri"] = endpoint.Uri.ToString();
        configuration["Delivery:RabbitMq:Exchange"] = endpoint.Exchange;
        configuration["Delivery:RabbitMq:PollInterval"] = "00:00:00.100";
        configuration["Delivery:RabbitMq:ReconnectDelay"] = "00:00:00.200";
        configuration["Delivery:RabbitMq:MaxReconnectDelay"] = "00:00:01";
        return new BackendSettings(configuration, endpoint);
    }
}
