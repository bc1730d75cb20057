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
    private readonly NpgsqlDataSource _redeliverableSource;
    private readonly NpgsqlDataSource _listenerSource;
    private volatile bool _initialized;

    public PostgresDatabase(PostgresStorageOptions options)
    {
        var storage = PostgresConnectionStrings.ForStorage(options);
        Schema = options.Schema;
        Channels = new NotificationChannels(Schema);
        Locks = new AdvisoryLocks(Schema);
        _dataSource = NpgsqlDataSource.Create(storage);
        _redeliverableSource = NpgsqlDataSource.Create(PostgresConnectionStrings.ForRedeliverable(storage));
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
    public Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(_dataSource, work, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync{T}"/>, for a write whose loss in a crash only delivers a message again (a lease, an ack, a
    /// nack): it commits without waiting for the WAL flush (<see cref="PostgresConnectionStrings.ForRedeliverable"/>).
    /// </summary>
    public Task<T> RunRedeliverableAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(_redeliverableSource, work, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a read-committed transaction on a pooled connection and commits it (it is rolled
    /// back when the work throws). <paramref name="cancellationToken"/> covers opening and committing; the work uses its own.
    /// </summary>
    public Task<T> RunInTransactionAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken) =>
        RunInTransactionAsync(_dataSource, work, cancellationToken);

    /// <summary>As <see cref="RunInTransactionAsync{T}"/>, for writes as <see cref="RunRedeliverableAsync{T}"/> describes.</summary>
    public Task<T> RunRedeliverableInTransactionAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken) =>
        RunInTransactionAsync(_redeliverableSource, work, cancellationToken);

    /// <summary>A new connection of its own for LISTEN (not pooled, kept alive by pings); the caller disposes it.</summary>
    public Task<NpgsqlConnection> OpenListenerAsync(CancellationToken cancellationToken) =>
        Translated(async () => await _listenerSource.OpenConnectionAsync(cancellationToken));

    /// <summary>Drops the pooled connections: they lead to a server that went away (the next calls open new ones).</summary>
    public void ClearPool()
    {
        _dataSource.Clear();
        _redeliverableSource.Clear();
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _redeliverableSource.Dispose();
        _listenerSource.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _redeliverableSource.DisposeAsync();
        await _listenerSource.DisposeAsync();
    }

    private Task<T> RunAsync<T>(NpgsqlDataSource source, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ThrowIfNotInitialized();
        return Translated(
            async () =>
            {
                await using var connection = await source.OpenConnectionAsync(cancellationToken);
                return await work(connection);
            });
    }

    private Task<T> RunInTransactionAsync<T>(NpgsqlDataSource source, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ThrowIfNotInitialized();
        return Translated(
            async () =>
            {
                await using var connection = await source.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var result = await work(connection);
                await transaction.CommitAsync(cancellationToken);
                return result;
            });
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
