using Microsoft.Data.Sqlite;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;

namespace TaskCenter.Storage.Sqlite.Tests;

/// <summary>A real database file in a temp folder of its own; disposing closes every store opened on it and deletes the folder.</summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly List<SqliteStorage> _opened = [];

    public TestDatabase()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "taskcenter-sqlite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, "taskcenter.db");

    /// <summary>Small, readable queue settings: 3 retries after 10s, 30s, 60s.</summary>
    public static QueueOptions DefaultQueue() => new()
    {
        MaxRetries = 3,
        RetryDelays = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)],
        UnroutedRetention = TimeSpan.FromDays(3),
        FireHistoryRetention = TimeSpan.FromDays(3),
    };

    /// <summary>A new store instance on this file, initialized.</summary>
    public async Task<SqliteStorage> OpenAsync(
        QueueOptions? queue = null, int? readyCacheSize = null, FireRouting routing = FireRouting.BuiltInQueue)
    {
        var options = new SqliteStorageOptions { Path = Path, Routing = routing };
        options.ReadyCacheSize = readyCacheSize ?? options.ReadyCacheSize;
        var storage = new SqliteStorage(options, queue ?? DefaultQueue());
        _opened.Add(storage);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    /// <summary>A new store on this file with group "g" subscribed to every tag.</summary>
    public async Task<SqliteStorage> OpenSubscribedAsync(QueueOptions? queue = null, int? readyCacheSize = null)
    {
        var store = await OpenAsync(queue, readyCacheSize);
        await store.SubscribeAsync("g", TagFilter.All, Build.T0, CancellationToken.None);
        return store;
    }

    /// <summary>A raw connection of the test's own, for bulk loads and checks.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public long Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        foreach (var storage in _opened)
        {
            storage.Dispose();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the OS eventually.
        }
    }
}
