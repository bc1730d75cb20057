using Microsoft.Extensions.Logging;
using Npgsql;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>
/// One schema of the class's database shared by several storage instances, as several servers share it; each instance
/// connects under an application name of its own, so a test can find and cut its sessions. Disposed together.
/// </summary>
internal sealed class SharedSchema(ClassDatabase database) : IAsyncDisposable
{
    private readonly List<StoragePorts> _opened = [];

    public string Name { get; } = database.NewSchema();

    /// <summary>A new, initialized storage instance on the schema, connecting as <paramref name="instance"/>.</summary>
    public async Task<StoragePorts> OpenAsync(
        string instance,
        Action<PostgresStorageOptions>? configure = null,
        QueueOptions? queue = null,
        LimitOptions? limits = null,
        ILogger? logger = null,
        FireRouting routing = FireRouting.BuiltInQueue)
    {
        var options = database.Options(Name);
        options.ConnectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString) { ApplicationName = instance }.ConnectionString;
        configure?.Invoke(options);
        var storage = PostgresPorts.Create(options, queue, limits, logger, routing);
        _opened.Add(storage);
        await storage.Ledger.InitializeAsync(CancellationToken.None);
        return storage;
    }

    public long Scalar(string sql) => database.Scalar(Name, sql);

    /// <summary>Inserts <paramref name="count"/> pending one-shot tasks named <paramref name="name"/>, all due at <paramref name="at"/>.</summary>
    public async Task LoadDueTasksAsync(string name, int count, DateTimeOffset at)
    {
        await using var connection = await OpenAsync();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO tasks (id, name, type, data, state, next_fire_at, created_at)
            SELECT @name || lpad(to_hex(g), 20, '0'), @name, 1, convert_to(g::text, 'UTF8'), 'pending', @at, @createdAt
            FROM generate_series(1, @count) AS g
            """,
            connection);
        insert.Parameters.AddWithValue("name", name);
        insert.Parameters.AddWithValue("count", count);
        insert.Parameters.AddWithValue("at", at.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("createdAt", at.ToUnixTimeSeconds());
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>Ends the sessions of <paramref name="instance"/> that sit inside a transaction, as a crash or a cut network would, and waits until they are gone; returns how many.</summary>
    public async Task<long> TerminateTransactionsOfAsync(string instance)
    {
        await using var connection = await OpenAsync();
        await using var terminate = new NpgsqlCommand(
            """
            SELECT count(pg_terminate_backend(pid, 30000)) FROM pg_stat_activity
            WHERE application_name = @instance AND datname = current_database() AND state LIKE 'idle in transaction%'
            """,
            connection);
        terminate.Parameters.AddWithValue("instance", instance);
        return (long)(await terminate.ExecuteScalarAsync())!;
    }

    /// <summary>Runs a locking query (no SKIP LOCKED) in a transaction of its own, then rolls back: returns once the rows it locks are free.</summary>
    public async Task WaitForRowAsync(string lockingQuery)
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(lockingQuery, connection) { CommandTimeout = 30 };
        await command.ExecuteNonQueryAsync();
        await transaction.RollbackAsync();
    }

    /// <summary>Waits until a session of <paramref name="instance"/> waits for a lock another transaction holds.</summary>
    public async Task WaitUntilBlockedAsync(string instance)
    {
        await using var connection = await OpenAsync();
        await using var blocked = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = @instance AND wait_event_type = 'Lock'", connection);
        blocked.Parameters.AddWithValue("instance", instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((long)(await blocked.ExecuteScalarAsync(timeout.Token))! == 0)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>The engine's plan for one-shot tasks: each fires once at its next fire time and finishes.</summary>
    public static IReadOnlyList<TaskAdvance> FireOnce(IReadOnlyList<ScheduledTask> due) =>
        [.. due.Select(t => Build.Advance(t, TaskState.Finished, null, t.NextFireAt, Build.Fire(t, t.NextFireAt!.Value)))];

    public async ValueTask DisposeAsync()
    {
        foreach (var storage in _opened)
        {
            await storage.DisposeAsync();
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { SearchPath = Name }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
