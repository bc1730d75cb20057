using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Postgres;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// S5's set-up for TaskCenter on PostgreSQL: writes pending one-shot tasks straight into a new database with one binary
/// COPY, before the servers start on it. The schema is the product's own (its migrations create it); the rows are what
/// an add of a one-shot task writes (the columns not given take the table's defaults, data_hash is generated). Then
/// VACUUM ANALYZE, as autovacuum would have done by the time a store holds that many tasks. This is set-up, not a
/// measured figure.
/// </summary>
public static class PostgresBulkLoader
{
    private const string Copy = """
        COPY tasks (id, name, type, data, start_time, state, next_fire_at, created_at) FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>Makes the database of <paramref name="connectionString"/> (empty) a TaskCenter store holding <paramref name="load"/>.</summary>
    public static async Task LoadAsync(string connectionString, PendingLoad load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        await using (var storage = new ServiceCollection()
            .AddTaskCenterPostgres(configure => configure.ConnectionString = connectionString)
            .BuildServiceProvider())
        {
            await storage.GetRequiredService<IFireLedger>().InitializeAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = new PostgresStorageOptions().Schema, Pooling = false, CommandTimeout = 0 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var noSync = new NpgsqlCommand("SET synchronous_commit = off", connection))
        {
            await noSync.ExecuteNonQueryAsync(cancellationToken);
        }

        await WriteAsync(connection, load, cancellationToken);
        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) tasks", connection);
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteAsync(NpgsqlConnection connection, PendingLoad load, CancellationToken cancellationToken)
    {
        var createdAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var idPrefix = createdAt.ToString("x8", CultureInfo.InvariantCulture);
        long sequence = 0;
        await using var copy = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        async Task RowAsync(int index, DateTimeOffset due)
        {
            await copy.StartRowAsync(cancellationToken);

            // 24 hex characters, time-ordered like the product's ids, so rows append to the primary key.
            await copy.WriteAsync(idPrefix + sequence++.ToString("x16", CultureInfo.InvariantCulture), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(JobPayload.TaskName, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync((short)1, NpgsqlDbType.Smallint, cancellationToken);
            await copy.WriteAsync(Encoding.UTF8.GetBytes(JobPayload.Data(index)), NpgsqlDbType.Bytea, cancellationToken);
            await copy.WriteAsync(due.ToUnixTimeSeconds(), NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync("pending", NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(due.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(createdAt, NpgsqlDbType.Bigint, cancellationToken);
        }

        await RowAsync(load.ProbeIndex, load.ProbeDueAt);
        for (var i = 0; i < load.Count; i++)
        {
            await RowAsync(load.FirstIndex + i, load.DueAt);
        }

        await copy.CompleteAsync(cancellationToken);
    }
}
