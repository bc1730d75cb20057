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
