using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.Tests.Database;

public sealed class GroupCommitTests : IDisposable
{
    private readonly TestDatabase _file = new();
    private readonly SqliteDatabase _db;

    public GroupCommitTests()
    {
        _db = new SqliteDatabase(new SqliteStorageOptions { Path = _file.Path });
        _db.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        _db.WriteAsync((connection, transaction) => connection.Command("CREATE TABLE probe (n INTEGER PRIMARY KEY)", transaction).ExecuteNonQuery(), CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    private Task<int> InsertAsync(int n) =>
        _db.WriteAsync((connection, transaction) => connection.Command("INSERT INTO probe (n) VALUES (@n)", transaction).With("@n", n).ExecuteNonQuery(), CancellationToken.None);

    /// <summary>One statement inserting these keys.</summary>
    private static Func<Microsoft.Data.Sqlite.SqliteConnection, Microsoft.Data.Sqlite.SqliteTransaction, int> Insert(params int[] keys) =>
        (connection, transaction) => connection.Command(
            $"INSERT INTO probe (n) VALUES {string.Join(", ", keys.Select(key => $"({key})"))}", transaction).ExecuteNonQuery();

    /// <summary>
    /// Keeps the writer busy until release is called, so the writes queued meanwhile run as one group; the task is the
    /// holding write's.
    /// </summary>
    private (Task Held, Action Release) HoldTheWriter()
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var released = new ManualResetEventSlim();
        var hold = _db.WriteAsync((_, _) =>
        {
            running.SetResult();
            released.Wait();
            return 0;
        }, CancellationToken.None);
        running.Task.GetAwaiter().GetResult();
        return (hold, released.Set);
    }

    [Fact]
    public async Task Concurrent_writes_all_commit_and_a_failing_one_fails_alone()
    {
        var writes = Enumerable.Range(1, 300).Select(InsertAsync).ToList();
        // Key 7 exists already: this write violates the primary key and must fail without taking its group down.
        var duplicate = InsertAsync(7);

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => duplicate);
        Assert.Equal(300, _file.Scalar("SELECT COUNT(*) FROM probe"));
        Assert.Equal(300 * 301 / 2, _file.Scalar("SELECT SUM(n) FROM probe"));
    }

    [Fact]
    public async Task Single_statement_writes_share_a_group_and_a_failing_one_fails_alone_with_nothing_of_it_kept()
    {
        var (held, release) = HoldTheWriter();
        var writes = Enumerable.Range(1, 100).Select(n => _db.WriteStatementAsync(Insert(n), CancellationToken.None)).ToList();
        // One statement of two rows, the second a duplicate of key 7: SQLite undoes the statement, row 1000 included.
        var duplicate = _db.WriteStatementAsync(Insert(1000, 7), CancellationToken.None);
        var more = Enumerable.Range(101, 100).Select(n => _db.WriteStatementAsync(Insert(n), CancellationToken.None)).ToList();
        var withSavepoint = InsertAsync(201);
        release();
        await held;

        await Task.WhenAll(writes.Concat(more).Append(withSavepoint));
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => duplicate);
        Assert.Equal(201, _file.Scalar("SELECT COUNT(*) FROM probe"));
        Assert.Equal(0, _file.Scalar("SELECT COUNT(*) FROM probe WHERE n = 1000"));
    }

    [Fact]
    public async Task A_single_statement_write_after_which_sqlite_dropped_the_transaction_fails_its_whole_group()
    {
        var (held, release) = HoldTheWriter();
        var before = _db.WriteStatementAsync(Insert(1), CancellationToken.None);
        // What SQLite does on a full disk or an I/O error: the statement fails and the whole transaction is rolled back.
        var lost = _db.WriteStatementAsync<int>((connection, transaction) =>
        {
            connection.Command("ROLLBACK", transaction).ExecuteNonQuery();
            throw new InvalidOperationException("disk full");
        }, CancellationToken.None);
        var after = _db.WriteStatementAsync(Insert(2), CancellationToken.None);
        release();
        await held;

        foreach (var write in new[] { before, lost, after })
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => write);
        }

        Assert.Equal(0, _file.Scalar("SELECT COUNT(*) FROM probe"));
        Assert.Equal(1, await _db.WriteStatementAsync(Insert(3), CancellationToken.None)); // the writer goes on
    }

    [Fact]
    public async Task A_write_whose_token_is_cancelled_before_it_runs_does_not_happen()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _db.WriteAsync((connection, transaction) => connection.Command("INSERT INTO probe (n) VALUES (1)", transaction).ExecuteNonQuery(), cancelled.Token));
        Assert.Equal(0, _file.Scalar("SELECT COUNT(*) FROM probe"));
    }

    [Fact]
    public async Task A_write_with_after_commit_state_sees_every_earlier_write_and_no_later_one()
    {
        var before = Enumerable.Range(1, 50).Select(InsertAsync).ToList();
        long seen = -1;
        var exclusive = _db.WriteAsync(
            (connection, transaction) => (long)connection.Command("SELECT COUNT(*) FROM probe", transaction).ExecuteScalar()!,
            count => seen = count,
            CancellationToken.None);
        var after = Enumerable.Range(51, 50).Select(InsertAsync).ToList();

        await Task.WhenAll(before.Concat(after).Cast<Task>().Append(exclusive));
        Assert.Equal(50, seen);
    }

    public void Dispose()
    {
        _db.Dispose();
        _file.Dispose();
    }
}
