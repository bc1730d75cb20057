using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>The census: tasks by type and state, each group's backlog, unrouted and unpublished fires.</summary>
public abstract class CensusContract(StorageHarness db) : StorageContract(db)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static TagFilter Filter(string expression)
    {
        Assert.True(TagFilter.TryParse(expression, out var filter, out var error), error);
        return filter;
    }

    private static List<TaskCount> Ordered(IEnumerable<TaskCount> counts) => [.. counts.OrderBy(c => c.Type).ThenBy(c => c.State)];

    [Fact]
    public async Task Empty_storage_counts_nothing()
    {
        var store = await Db.OpenAsync();

        var census = await store.Reader.CountAsync(CancellationToken.None);

        Assert.Empty(census.Tasks);
        Assert.Empty(census.Groups);
        Assert.Equal((0L, 0L), (census.UnroutedFires, census.UnpublishedFires));
    }

    [Fact]
    public async Task Count_gives_tasks_by_type_and_state_and_every_groups_backlog_by_name()
    {
        var store = await Db.OpenAsync(new QueueOptions { MaxRetries = 0 });
        await store.Ledger.SubscribeAsync("g", Filter("a"), null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("h", Filter("b"), null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("empty", Filter("none"), null, Build.T0, CancellationToken.None);
        foreach (var task in new[]
        {
            Build.Task("x", data: "1"),
            Build.Task("x", data: "2"),
            Build.Task("x", data: "3", state: TaskState.Finished),
            Build.Task("x", data: "4", state: TaskState.Paused) with { Type = TaskType.Interval, LoopTime = TimeSpan.FromSeconds(5) },
            Build.Task("x", data: "5", state: TaskState.Active) with { Type = TaskType.Cron, Crontab = "* * * * *" },
        })
        {
            await store.Tasks.AddAsync(task, CancellationToken.None);
        }

        var a = new List<FireRecord>();
        for (var i = 0; i < 4; i++)
        {
            a.Add(await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(i))); // one-shot tasks, active after their fire
        }

        await StorageHarness.AddAndFireAsync(store, "b", Build.T0);
        await StorageHarness.AddAndFireAsync(store, "orphan", Build.T0);
        var now = Build.T0.AddSeconds(1);
        Assert.Equal(2, (await store.Ledger.LeaseAsync("g", 10, Lease, now, CancellationToken.None)).Count);
        await store.Ledger.NackAsync("g", a[1].MsgId, "bad", null, now, CancellationToken.None);
        await store.Ledger.AddDeadLettersAsync([Build.DeadLetter("rabbit", 3, now)], CancellationToken.None);
        await store.Ledger.GetNextReadyAsync("g", CancellationToken.None); // (SQLite: waits for leases handed out from memory to be written)

        var census = await store.Reader.CountAsync(CancellationToken.None);

        Assert.Equal(
            Ordered(
            [
                new(TaskType.OneShot, TaskState.Pending, 2),
                new(TaskType.OneShot, TaskState.Active, 6),
                new(TaskType.OneShot, TaskState.Finished, 1),
                new(TaskType.Interval, TaskState.Paused, 1),
                new(TaskType.Cron, TaskState.Active, 1),
            ]),
            Ordered(census.Tasks));
        Assert.Equal(
            [new("empty", 0, 0, 0), new("g", 2, 1, 1), new("h", 1, 0, 0), new("rabbit", 0, 0, 1)],
            census.Groups);
        Assert.Equal((1L, 0L), (census.UnroutedFires, census.UnpublishedFires));
    }

    [Fact]
    public async Task Count_gives_the_fires_waiting_in_the_outbox()
    {
        var store = await Db.OpenAsync(routing: FireRouting.Outbox);
        await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        await StorageHarness.AddAndFireAsync(store, "b", Build.T0.AddMinutes(1));
        await StorageHarness.AddAndFireAsync(store, "c", Build.T0.AddMinutes(2));
        Assert.Equal(3, (await store.Reader.CountAsync(CancellationToken.None)).UnpublishedFires);

        await store.Ledger.PublishDueAsync(Build.T0, 10, (_, _) => Task.CompletedTask, CancellationToken.None);

        var census = await store.Reader.CountAsync(CancellationToken.None);
        Assert.Equal((0L, 2L), (census.UnroutedFires, census.UnpublishedFires));
        Assert.Equal([new(TaskType.OneShot, TaskState.Active, 3)], census.Tasks);
    }
}
