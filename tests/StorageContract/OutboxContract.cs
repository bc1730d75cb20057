using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>Fires recorded for an external transport (<see cref="FireRouting.Outbox"/>).</summary>
public abstract class OutboxContract(StorageHarness db) : StorageContract(db)
{
    [Fact]
    public async Task Fires_go_to_the_outbox_and_not_to_the_built_in_queue()
    {
        var store = await OpenOutboxAsync();
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);

        await StorageHarness.AddAndFireAsync(store, "tick", Build.T0);

        Assert.Equal(0, Db.Scalar("SELECT COUNT(*) FROM deliveries"));
        Assert.Equal(0, Db.Scalar("SELECT COUNT(*) FROM fires WHERE unrouted"));
        Assert.Empty(await store.Ledger.LeaseAsync("g", 10, TimeSpan.FromMinutes(1), Build.T0.AddHours(1), CancellationToken.None));
        Assert.Equal(1, await store.Ledger.CountUnpublishedAsync(100, CancellationToken.None));
    }

    [Fact]
    public async Task Due_fires_are_published_in_fire_time_order_once_and_later_ones_wait()
    {
        var store = await OpenOutboxAsync();
        var third = await StorageHarness.AddAndFireAsync(store, "c", Build.T0.AddSeconds(2));
        var first = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var second = await StorageHarness.AddAndFireAsync(store, "b", Build.T0.AddSeconds(1));
        var later = await StorageHarness.AddAndFireAsync(store, "d", Build.T0.AddMinutes(5));

        var published = await PublishAsync(store, Build.T0.AddSeconds(2));

        Assert.Equal([first.MsgId, second.MsgId, third.MsgId], published.Select(f => f.MsgId));
        Assert.Equal(first, published[0]); // read back whole: payload, lease, ack flag
        Assert.Empty(await PublishAsync(store, Build.T0.AddSeconds(2)));
        Assert.Equal(later.FireTime, await store.Ledger.GetNextUnpublishedAsync(CancellationToken.None));
        Assert.Equal([later.MsgId], (await PublishAsync(store, Build.T0.AddMinutes(5))).Select(f => f.MsgId));
        Assert.Null(await store.Ledger.GetNextUnpublishedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_publish_that_fails_leaves_its_fires_in_the_outbox()
    {
        var store = await OpenOutboxAsync();
        var fire = await StorageHarness.AddAndFireAsync(store, "tick", Build.T0);

        await Assert.ThrowsAsync<IOException>(() => store.Ledger.PublishDueAsync(
            Build.T0, 10, (_, _) => throw new IOException("broker unreachable"), CancellationToken.None));

        Assert.Equal([fire.MsgId], (await PublishAsync(store, Build.T0)).Select(f => f.MsgId));
    }

    [Fact]
    public async Task Unpublished_fires_survive_a_restart_and_the_history_purge()
    {
        var store = await OpenOutboxAsync();
        var fire = await StorageHarness.AddAndFireAsync(store, "tick", Build.T0);
        await store.Ledger.PurgeExpiredAsync(Build.T0.AddDays(30), CancellationToken.None);
        store.Dispose();

        var reopened = await OpenOutboxAsync();

        Assert.Equal([fire.MsgId], (await PublishAsync(reopened, Build.T0)).Select(f => f.MsgId));
        await reopened.Ledger.PurgeExpiredAsync(Build.T0.AddDays(30), CancellationToken.None);
        Assert.Equal(0, Db.Scalar("SELECT COUNT(*) FROM fires"));
    }

    [Fact]
    public async Task Deleting_a_task_withdraws_its_fires_that_are_not_due_yet()
    {
        var store = await OpenOutboxAsync();
        var task = Build.Task("tick", data: "d", nextFireAt: Build.T0);
        await store.Tasks.AddAsync(task, CancellationToken.None);
        var due = Build.Fire(task, Build.T0);
        var ahead = Build.Fire(task, Build.T0.AddSeconds(1));
        await StorageHarness.CommitAsync(store, [Build.Advance(task, TaskState.Active, Build.T0.AddSeconds(2), null, due, ahead)]);

        await store.Tasks.DeleteAsync([task.Id], Build.T0, CancellationToken.None);

        Assert.Equal([due.MsgId], (await PublishAsync(store, Build.T0.AddMinutes(1))).Select(f => f.MsgId));
    }

    private Task<StoragePorts> OpenOutboxAsync() => Db.OpenAsync(routing: FireRouting.Outbox);

    private static async Task<List<FireRecord>> PublishAsync(StoragePorts store, DateTimeOffset dueBy)
    {
        var published = new List<FireRecord>();
        await store.Ledger.PublishDueAsync(
            dueBy,
            100,
            (fires, _) =>
            {
                published.AddRange(fires);
                return Task.CompletedTask;
            },
            CancellationToken.None);
        return published;
    }
}
