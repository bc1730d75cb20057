using System.Globalization;
using Npgsql;
using TaskCenter.Testing;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>
/// A fresh database for one test class, on the test run's one PostgreSQL server; each test then works in a schema of
/// its own (<see cref="NewSchema"/>), so tests stay apart without paying for a database each.
/// </summary>
public sealed class ClassDatabase : IAsyncLifetime
{
    private int _schemas;

    /// <summary>Superuser connection string to the class's database (small pools: many tests run side by side).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The name of the class's database.</summary>
    public string DatabaseName => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    public async Task InitializeAsync()
    {
        var connectionString = await SharedPostgres.NewDatabaseAsync("storage");
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 20 }.ConnectionString;

        // Tests need no fsync per commit (a crash of the test server loses nothing anyone keeps); it makes them fast.
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"ALTER DATABASE \"{connection.Database}\" SET synchronous_commit = off", connection);
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A schema name no test of this class used yet.</summary>
    public string NewSchema() => "t" + Interlocked.Increment(ref _schemas).ToString(CultureInfo.InvariantCulture);

    /// <summary>Storage options on <paramref name="schema"/> of this database.</summary>
    public PostgresStorageOptions Options(string schema) => new() { ConnectionString = ConnectionString, Schema = schema };

    /// <summary>Runs a query returning one number, with <paramref name="schema"/> as the search path.</summary>
    public long Scalar(string schema, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
