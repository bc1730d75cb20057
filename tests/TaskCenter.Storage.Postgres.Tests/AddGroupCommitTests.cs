using Npgsql;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>
/// Group commit of adds: the adds that arrive while one is being written are written next, together, in one
/// transaction (their rows share its transaction id, xmin), and each caller is answered as if its add had been alone.
/// A test holds the first add's write (a lock on the tasks table) so that the others are sure to wait meanwhile.
/// </summary>
public sealed class AddGroupCommitTests(ClassDatabase database) : IClassFixture<ClassDatabase>, IAsyncLifetime
{
    private const string Instance = "adds";
    private readonly SharedSchema _schema = new(database);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DisposeAsync().AsTask();

    [Fact]
    public async Task Adds_that_wait_while_an_add_is_written_are_written_in_one_transaction_and_answered_as_if_made_one_after_another()
    {
        var store = await _schema.OpenAsync(Instance);
        var first = Build.Task("first", data: "0");
        var x = Build.Task("job", data: "x");
        var sameAsX = Build.Task("job", data: "x");
        ScheduledTask[] many = [Build.Task("job", data: "m1"), Build.Task("job", data: "y"), Build.Task("job", data: "m2")];
        var sameAsManys = Build.Task("job", data: "y");

        Task<AddTaskResult> writing, addX, addSameAsX, addSameAsManys;
        Task<IReadOnlyList<AddTaskResult>> addMany;
        await using (await HoldInsertsAsync())
        {
            writing = store.Tasks.AddAsync(first, CancellationToken.None);
            await _schema.WaitUntilBlockedAsync(Instance);

            addX = store.Tasks.AddAsync(x, CancellationToken.None);
            addSameAsX = store.Tasks.AddAsync(sameAsX, CancellationToken.None);
            addMany = store.Tasks.AddManyAsync(many, CancellationToken.None);
            addSameAsManys = store.Tasks.AddAsync(sameAsManys, CancellationToken.None);
            Assert.False(addX.IsCompleted || addSameAsX.IsCompleted || addMany.IsCompleted || addSameAsManys.IsCompleted);
        }

        Assert.Equal(new(first.Id, true), await writing);
        Assert.Equal(new(x.Id, true), await addX);
        Assert.Equal(new(x.Id, false), await addSameAsX);
        Assert.Equal(many.Select(task => new AddTaskResult(task.Id, true)), await addMany);
        Assert.Equal(new(many[1].Id, false), await addSameAsManys);

        Assert.Equal(4, _schema.Scalar("SELECT count(*) FROM tasks WHERE name = 'job'"));
        Assert.Equal(1, _schema.Scalar("SELECT count(DISTINCT xmin::text) FROM tasks WHERE name = 'job'"));
        Assert.Equal(2, _schema.Scalar("SELECT count(DISTINCT xmin::text) FROM tasks"));
        foreach (var task in many.Append(x))
        {
            Assert.Equal(task, await store.Reader.GetAsync(task.Id, CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_failing_add_in_a_group_fails_alone_and_the_others_of_the_group_are_stored()
    {
        var store = await _schema.OpenAsync(Instance);
        var existing = Build.Task("existing", data: "taken");
        await store.Tasks.AddAsync(existing, CancellationToken.None);
        var good = Build.Task("job", data: "a");
        ScheduledTask[] goodMany = [Build.Task("job", data: "b"), Build.Task("job", data: "c")];
        ScheduledTask[] badMany = [Build.Task("job", data: "d"), Build.Task("clash", data: "e", id: existing.Id), Build.Task("job", data: "f")];
        var last = Build.Task("job", data: "g");

        Task<AddTaskResult> writing, addGood, addClash, addLast;
        Task<IReadOnlyList<AddTaskResult>> addGoodMany, addBadMany;
        await using (await HoldInsertsAsync())
        {
            writing = store.Tasks.AddAsync(Build.Task("first", data: "0"), CancellationToken.None);
            await _schema.WaitUntilBlockedAsync(Instance);

            addGood = store.Tasks.AddAsync(good, CancellationToken.None);
            addClash = store.Tasks.AddAsync(Build.Task("clash", data: "c", id: existing.Id), CancellationToken.None); // not a dedupe: the id is taken
            addGoodMany = store.Tasks.AddManyAsync(goodMany, CancellationToken.None);
            addBadMany = store.Tasks.AddManyAsync(badMany, CancellationToken.None);
            addLast = store.Tasks.AddAsync(last, CancellationToken.None);
        }

        Assert.True((await writing).Created);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, (await Assert.ThrowsAsync<PostgresException>(() => addClash)).SqlState);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, (await Assert.ThrowsAsync<PostgresException>(() => addBadMany)).SqlState);
        Assert.Equal(new(good.Id, true), await addGood);
        Assert.Equal(goodMany.Select(task => new AddTaskResult(task.Id, true)), await addGoodMany);
        Assert.Equal(new(last.Id, true), await addLast);

        // An add of many stays all or nothing.
        Assert.Null(await store.Reader.GetAsync(badMany[0].Id, CancellationToken.None));
        Assert.Null(await store.Reader.GetAsync(badMany[2].Id, CancellationToken.None));
        Assert.Equal(existing, await store.Reader.GetAsync(existing.Id, CancellationToken.None));
        Assert.Equal(4, _schema.Scalar("SELECT count(*) FROM tasks WHERE name = 'job'"));
    }

    [Fact]
    public async Task An_add_cancelled_while_it_waits_is_answered_at_once_and_never_written_and_one_being_written_is_answered_with_its_outcome()
    {
        var store = await _schema.OpenAsync(Instance);
        var first = Build.Task("first", data: "0");
        var withdrawn = Build.Task("job", data: "withdrawn");
        var after = Build.Task("job", data: "after");
        using var firstCaller = new CancellationTokenSource();
        using var withdrawingCaller = new CancellationTokenSource();

        Task<AddTaskResult> writing, addAfter;
        await using (await HoldInsertsAsync())
        {
            writing = store.Tasks.AddAsync(first, firstCaller.Token);
            await _schema.WaitUntilBlockedAsync(Instance);
            var addWithdrawn = store.Tasks.AddAsync(withdrawn, withdrawingCaller.Token);
            addAfter = store.Tasks.AddAsync(after, CancellationToken.None);

            await withdrawingCaller.CancelAsync();
            await firstCaller.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => addWithdrawn);
            Assert.False(writing.IsCompleted);
        }

        Assert.Equal(new(first.Id, true), await writing);
        Assert.Equal(new(after.Id, true), await addAfter);
        Assert.Null(await store.Reader.GetAsync(withdrawn.Id, CancellationToken.None));
        Assert.Equal(2, _schema.Scalar("SELECT count(*) FROM tasks"));
    }

    /// <summary>
    /// Locks the tasks table against inserts (SHARE) in a transaction of a session of its own, until disposed (the
    /// session ends, and the lock with it): an add being written waits at its insert.
    /// </summary>
    private async Task<NpgsqlConnection> HoldInsertsAsync()
    {
        var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(database.ConnectionString) { SearchPath = _schema.Name, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var hold = new NpgsqlCommand("BEGIN; LOCK TABLE tasks IN SHARE MODE", connection);
        await hold.ExecuteNonQueryAsync();
        return connection;
    }
}
