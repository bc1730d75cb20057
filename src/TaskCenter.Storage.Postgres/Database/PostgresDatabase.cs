using Npgsql;
using TaskCenter.Core.Storage;

namespace TaskCenter.Storage.Postgres.Database;

/// <summary>
/// The database behind one storage instance: a pool of connections (any number of instances share the database), the
/// schema migration, and the one place that turns "the database cannot be reached" into
/// <see cref="StorageUnavailableException"/>. Each call takes a pooled connection for its own statement or transaction,
/// so the storage works again by itself once the database is back.
/// </summary>
internal sealed class PostgresDatabase : IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _listenerSource;
    private volatile bool _initialized;

    public PostgresDatabase(PostgresStorageOptions options)
    {
        var storage = PostgresConnectionStrings.ForStorage(options);
        Schema = options.Schema;
        Channels = new NotificationChannels(Schema);
        Locks = new AdvisoryLocks(Schema);
        _dataSource = NpgsqlDataSource.Create(storage);
        _listenerSource = NpgsqlDataSource.Create(PostgresConnectionStrings.ForListener(storage));
    }

    public string Schema { get; }

    public NotificationChannels Channels { get; }

    public AdvisoryLocks Locks { get; }

    /// <summary>Creates or migrates the schema; returns the script versions applied now.</summary>
    public async Task<IReadOnlyList<int>> InitializeAsync(CancellationToken cancellationToken)
    {
        var applied = await Translated(
            async () =>
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                return await SchemaMigrator.MigrateAsync(connection, Schema, Locks, cancellationToken);
            });
        _initialized = true;
        return applied;
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection, without a transaction of its own (one statement commits by itself).</summary>
    public Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ThrowIfNotInitialized();
        return Translated(
            async () =>
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                return await work(connection);
            });
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a read-committed transaction on a pooled connection and commits it (it is rolled
    /// back when the work throws). <paramref name="cancellationToken"/> covers opening and committing; the work uses its own.
    /// </summary>
    public Task<T> RunInTransactionAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ThrowIfNotInitialized();
        return Translated(
            async () =>
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var result = await work(connection);
                await transaction.CommitAsync(cancellationToken);
                return result;
            });
    }

    /// <summary>A new connection of its own for LISTEN (not pooled, kept alive by pings); the caller disposes it.</summary>
    public Task<NpgsqlConnection> OpenListenerAsync(CancellationToken cancellationToken) =>
        Translated(async () => await _listenerSource.OpenConnectionAsync(cancellationToken));

    /// <summary>Drops the pooled connections: they lead to a server that went away (the next calls open new ones).</summary>
    public void ClearPool() => _dataSource.Clear();

    public void Dispose()
    {
        _dataSource.Dispose();
        _listenerSource.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _listenerSource.DisposeAsync();
    }

    private async Task<T> Translated<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (ConnectionFailures.Describe(exception) is { } unavailable)
        {
            // Idle pooled connections to a server that went away are dead too: drop them, so the first calls after it
            // is back do not fail on them one by one.
            ClearPool();
            throw new StorageUnavailableException(unavailable, exception);
        }
    }

    /// <summary>Before the schema is in place nothing can be read or written: as when the database is down, try again later.</summary>
    private void ThrowIfNotInitialized()
    {
        if (!_initialized)
        {
            throw new StorageUnavailableException("The PostgreSQL storage is not initialized yet (IFireLedger.InitializeAsync has not succeeded)");
        }
    }
}
