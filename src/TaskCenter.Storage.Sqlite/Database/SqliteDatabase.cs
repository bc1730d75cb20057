using Microsoft.Data.Sqlite;
using TaskCenter.Core.Configuration;

namespace TaskCenter.Storage.Sqlite.Database;

/// <summary>
/// The database file: ONE writer connection, used by <see cref="InitializeAsync"/> (under <see cref="_writeLock"/>)
/// and then only by the <see cref="GroupCommitter"/>'s loop, always inside an immediate transaction; and pooled reader
/// connections, which WAL lets run beside the writer on a committed snapshot.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private GroupCommitter? _committer;
    private readonly SqliteStorageOptions _options;
    private readonly string _readerConnectionString;
    private readonly string _writerConnectionString;
    private SqliteConnection? _writer;
    private WriterStatements? _statements;
    private bool _disposed;

    public SqliteDatabase(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (OptionsRules.Check(options, SqliteStorageOptions.Section) is { Count: > 0 } failures)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }

        _options = options;
        FilePath = System.IO.Path.GetFullPath(options.Path);
        var timeoutSeconds = (int)Math.Ceiling(Math.Max(0, options.BusyTimeout.TotalSeconds));
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = timeoutSeconds,
            Pooling = true,
        };
        _readerConnectionString = builder.ToString();
        builder.Pooling = false;
        _writerConnectionString = builder.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens the writer (creating the file and its folder), sets WAL and synchronous, applies the migrations.</summary>
    public async Task<IReadOnlyList<int>> InitializeAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer ??= OpenWriter();

            var applied = SchemaMigrator.Migrate(_writer);
            _statements ??= new WriterStatements(_writer);
            _committer ??= new GroupCommitter(_writer, _statements);
            return applied;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Creates the folder and opens the writer. A file that cannot be opened or created is a configuration mistake: the
    /// error says which file and which setting, in one line.
    /// </summary>
    private SqliteConnection OpenWriter()
    {
        var writer = new SqliteConnection(_writerConnectionString);
        try
        {
            var folder = System.IO.Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            writer.Open();
            ConfigureWriter(writer);
            return writer;
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            writer.Dispose();
            throw new InvalidOperationException(
                $"The SQLite database {FilePath} cannot be opened or created ({SqliteStorageOptions.Section}:Path): {exception.Message}", exception);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> on the writer in a committed transaction (see the overload).</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        WriteAsync(work, afterCommit: null, singleStatement: false, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/>, which changes the database with at most ONE statement (it may read before), like
    /// <see cref="WriteAsync{T}(Func{SqliteConnection, SqliteTransaction, T}, CancellationToken)"/> but without a
    /// savepoint of its own in its group: SQLite undoes a failing statement by itself, so it still fails alone.
    /// </summary>
    public Task<T> WriteStatementAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        WriteAsync(work, afterCommit: null, singleStatement: true, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on the writer inside an immediate transaction — its own, or one shared with other
    /// writes queued at the same time (group commit) — and completes once that transaction committed. Then runs
    /// <paramref name="afterCommit"/> before any later write (to update in-memory state that must match what is committed).
    /// </summary>
    public Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, T> work, Action<T>? afterCommit, CancellationToken cancellationToken) =>
        WriteAsync(work, afterCommit, singleStatement: false, cancellationToken);

    private Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, T> work, Action<T>? afterCommit, bool singleStatement, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var committer = Volatile.Read(ref _committer) ?? throw NotInitialized();
        return committer.WriteAsync(work, afterCommit, singleStatement, cancellationToken);
    }

    /// <summary>
    /// The writer's prepared command for <paramref name="sql"/> (<see cref="WriterStatements"/>), for use inside a write's
    /// work only. Comes in the transaction with no parameters; not to be disposed.
    /// </summary>
    public SqliteCommand Reused(SqliteConnection writer, string sql, SqliteTransaction transaction)
    {
        if (_statements is not { } statements || writer != _writer)
        {
            throw new InvalidOperationException("Reused commands are the writer's, for use inside a write's work.");
        }

        return statements.Get(sql, transaction);
    }

    /// <summary>Runs <paramref name="work"/> on a pooled reader connection (never the writer).</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (Volatile.Read(ref _writer) is null)
            {
                throw NotInitialized();
            }

            using var connection = OpenReader();
            return Task.FromResult(work(connection));
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    /// <summary>A new (pooled) connection to the file, for reads; the caller disposes it.</summary>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readerConnectionString);
        try
        {
            connection.Open();
            SetBusyTimeout(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _writeLock.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _committer?.Complete();
            using (var probe = new SqliteConnection(_readerConnectionString))
            {
                SqliteConnection.ClearPool(probe);
            }

            // The writer is the last connection: closing it checkpoints the WAL.
            _statements?.Dispose();
            _statements = null;
            _writer?.Dispose();
            _writer = null;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void ConfigureWriter(SqliteConnection writer)
    {
        SetBusyTimeout(writer);
        using (var wal = writer.Command(SchemaCommands.JournalModeWal))
        {
            var mode = wal.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journal mode for '{FilePath}' (got '{mode}').");
            }
        }

        var synchronous = _options.Synchronous switch
        {
            SqliteSynchronous.Normal => SchemaCommands.SynchronousNormal,
            SqliteSynchronous.Full => SchemaCommands.SynchronousFull,
            _ => throw new InvalidOperationException($"Unknown Synchronous setting '{_options.Synchronous}'."),
        };
        using var sync = writer.Command(synchronous);
        sync.ExecuteNonQuery();
        using var cache = writer.Command(SchemaCommands.WriterCacheSize);
        cache.ExecuteNonQuery();
    }

    private void SetBusyTimeout(SqliteConnection connection)
    {
        var milliseconds = (int)Math.Clamp(_options.BusyTimeout.TotalMilliseconds, 0, int.MaxValue);
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, milliseconds);
    }

    private static InvalidOperationException NotInitialized() =>
        new("The SQLite storage is not initialized: call IFireLedger.InitializeAsync first.");
}
