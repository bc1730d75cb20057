using TaskCenter.Testing;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// The store a TaskCenter system runs on, as configuration: a SQLite file in the system's folder (default settings:
/// synchronous FULL), or a fresh database on a throwaway <see cref="PostgresServer"/> of the system's own (fsync on, as
/// the PostgreSQL peers run), started at the first call that needs it and stopped on dispose.
/// </summary>
public sealed class TaskCenterStorage : IAsyncDisposable
{
    private const string DatabaseName = "taskcenter_bench";
    private readonly string? _sqlitePath;
    private PostgresServer? _postgres;
    private string? _connectionString;

    private TaskCenterStorage(string? sqlitePath) => _sqlitePath = sqlitePath;

    public static TaskCenterStorage Sqlite(string databasePath) => new(databasePath);

    public static TaskCenterStorage Postgres() => new(null);

    public bool OnPostgres => _sqlitePath is null;

    /// <summary>"SQLite" or "PostgreSQL", for system names.</summary>
    public string Label => OnPostgres ? "PostgreSQL" : "SQLite";

    /// <summary>The configuration keys that put TaskCenter on this store.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> SettingsAsync(CancellationToken cancellationToken) =>
        _sqlitePath is { } path
            ? new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = path }
            : new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:Postgres:ConnectionString"] = await ConnectionStringAsync(cancellationToken),
            };

    /// <summary>The same keys as command-line arguments (<c>--Key=value</c>) of the server process.</summary>
    public async Task<IReadOnlyList<string>> ArgumentsAsync(CancellationToken cancellationToken) =>
        [.. (await SettingsAsync(cancellationToken)).Select(setting => $"--{setting.Key}={setting.Value}")];

    /// <summary>Writes <paramref name="load"/> into the store before TaskCenter starts on it (S5's set-up).</summary>
    public async Task PreloadAsync(PendingLoad load, CancellationToken cancellationToken)
    {
        if (_sqlitePath is { } path)
        {
            await SqliteBulkLoader.LoadAsync(path, load, cancellationToken);
        }
        else
        {
            await PostgresBulkLoader.LoadAsync(await ConnectionStringAsync(cancellationToken), load, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private async Task<string> ConnectionStringAsync(CancellationToken cancellationToken)
    {
        if (_connectionString is null)
        {
            _postgres = await PostgresServer.StartAsync(cancellationToken);
            _connectionString = await _postgres.CreateDatabaseAsync(DatabaseName, cancellationToken);
        }

        return _connectionString;
    }
}
