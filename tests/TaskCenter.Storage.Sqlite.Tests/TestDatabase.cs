using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TaskCenter.Core.Delivery;

namespace TaskCenter.Storage.Sqlite.Tests;

/// <summary>A real database file in a temp folder of its own; disposing closes every store opened on it and deletes the folder.</summary>
internal sealed class TestDatabase : StorageHarness
{
    public TestDatabase(int? readyCacheSize = null)
    {
        ReadyCacheSize = readyCacheSize;
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "taskcenter-sqlite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, "taskcenter.db");

    /// <summary>The ready cache size of the stores opened next; null for the default.</summary>
    public int? ReadyCacheSize { get; set; }

    /// <summary>A raw connection of the test's own, for bulk loads and checks.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public override long Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override void AddStorage(IServiceCollection services) =>
        services.AddTaskCenterSqlite(options =>
        {
            options.Path = Path;
            options.ReadyCacheSize = ReadyCacheSize ?? options.ReadyCacheSize;
        });

    protected override void DisposeStorage()
    {
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
