using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Sqlite;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// S5's set-up for TaskCenter: writes pending one-shot tasks straight into a (new) SQLite file, in one transaction,
/// before the server starts on it. The schema is the product's own (its migrations create the file); the rows are what
/// an add of a one-shot task writes. This is set-up, not a measured figure.
/// <para>Large loads are written once per run into a template file and copied for every further system that asks for
/// the same load (the second TaskCenter system then starts on the first one's due times, a few minutes older).
/// <see cref="DeleteTemplates"/> removes them at the end of the run.</para>
/// </summary>
public static class SqliteBulkLoader
{
    // The columns of TaskCommands.Insert (src/TaskCenter.Storage.Sqlite/TaskStore/TaskCommands.cs).
    private const string Insert = """
        INSERT INTO tasks (id, name, type, data, data_hash, crontab, loop_time, loop_count, start_time, end_time,
                           max_runtime, ack, time_zone, state, fired_count, next_fire_at, created_at, version, finished_at)
        VALUES (@id, @name, 1, @data, @dataHash, '', 0, 0, @startTime, NULL,
                0, 0, 'UTC', 'pending', 0, @nextFireAt, @createdAt, 0, NULL)
        """;

    /// <summary>Loads of at least this many tasks are kept as templates.</summary>
    private const int TemplateThreshold = 100_000;

    private static readonly string TemplateFolder =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"taskcenter-bench-templates-{Environment.ProcessId}");

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);

    /// <summary>Makes <paramref name="databasePath"/> a new TaskCenter database holding <paramref name="load"/>.</summary>
    public static async Task LoadAsync(string databasePath, PendingLoad load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (load.Count < TemplateThreshold)
        {
            await CreateAsync(databasePath, load, cancellationToken);
            return;
        }

        await TemplateLock.WaitAsync(cancellationToken);
        try
        {
            var template = System.IO.Path.Combine(TemplateFolder, $"pending-{load.Count}-{load.FirstIndex}-{load.ProbeIndex}.db");
            if (!File.Exists(template))
            {
                Directory.CreateDirectory(TemplateFolder);
                await CreateAsync(template + ".partial", load, cancellationToken);
                File.Move(template + ".partial", template);
            }

            File.Copy(template, databasePath, overwrite: true);
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>Removes this run's template files.</summary>
    public static void DeleteTemplates()
    {
        if (Directory.Exists(TemplateFolder))
        {
            Directory.Delete(TemplateFolder, recursive: true);
        }
    }

    private static async Task CreateAsync(string databasePath, PendingLoad load, CancellationToken cancellationToken)
    {
        await using (var storage = new ServiceCollection().AddTaskCenterSqlite(options => options.Path = databasePath).BuildServiceProvider())
        {
            await storage.GetRequiredService<IFireLedger>().InitializeAsync(cancellationToken);
        }

        await Task.Run(() => Write(databasePath, load, cancellationToken), cancellationToken);
    }

    private static void Write(string databasePath, PendingLoad load, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // No fsync while loading, and 1 GiB of cache so the random-order dedupe index stays in memory.
        using (var pragmas = new SqliteCommand("PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576", connection))
        {
            pragmas.ExecuteNonQuery();
        }

        using (var transaction = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = Insert;
            var id = insert.Parameters.Add("@id", SqliteType.Text);
            insert.Parameters.AddWithValue("@name", JobPayload.TaskName);
            var data = insert.Parameters.Add("@data", SqliteType.Text);
            var dataHash = insert.Parameters.Add("@dataHash", SqliteType.Integer);
            var startTime = insert.Parameters.Add("@startTime", SqliteType.Integer);
            var nextFireAt = insert.Parameters.Add("@nextFireAt", SqliteType.Integer);
            var createdAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            insert.Parameters.AddWithValue("@createdAt", createdAt);
            insert.Prepare();

            long sequence = 0;
            void Row(int index, DateTimeOffset due)
            {
                // 24 hex characters, time-ordered like the product's ids, so rows append to the primary key.
                id.Value = createdAt.ToString("x8", CultureInfo.InvariantCulture) + sequence++.ToString("x16", CultureInfo.InvariantCulture);
                var text = JobPayload.Data(index);
                data.Value = text;
                dataHash.Value = HashOf(text);
                startTime.Value = due.ToUnixTimeSeconds();
                nextFireAt.Value = due.ToUnixTimeMilliseconds();
                insert.ExecuteNonQuery();
            }

            Row(load.ProbeIndex, load.ProbeDueAt);
            for (var i = 0; i < load.Count; i++)
            {
                if ((i & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                Row(load.FirstIndex + i, load.DueAt);
            }

            transaction.Commit();
        }

        using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", connection);
        checkpoint.ExecuteNonQuery();
    }

    /// <summary>The store's dedupe hash: the first 8 bytes of SHA-256 over the UTF-8 data, big-endian (as DataHash.Of).</summary>
    private static long HashOf(string data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(data), hash);
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}
