using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.StorageContract;

/// <summary>Routing fires to the subscribed groups, and keeping fires no group subscribes to for the first that does.</summary>
public abstract class RoutingContract(StorageHarness db) : StorageContract(db)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static TagFilter Filter(string expression)
    {
        Assert.True(TagFilter.TryParse(expression, out var filter, out var error), error);
        return filter;
    }

    [Fact]
    public async Task A_fire_goes_to_every_group_whose_subscription_matches_and_to_star_groups()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.SubscribeAsync("billing", Filter("invoice || refund"), null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("audit", TagFilter.All, null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("mail", Filter("invoice"), null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("other", Filter("report"), null, Build.T0, CancellationToken.None);

        var invoice = await StorageHarness.AddAndFireAsync(store, "invoice", Build.T0);
        var refund = await StorageHarness.AddAndFireAsync(store, "refund", Build.T0.AddSeconds(1));

        var now = Build.T0.AddMinutes(1);
        Assert.Equal([invoice.MsgId, refund.MsgId], (await store.Ledger.LeaseAsync("billing", 10, Lease, now, CancellationToken.None)).Select(m => m.MsgId));
        Assert.Equal([invoice.MsgId, refund.MsgId], (await store.Ledger.LeaseAsync("audit", 10, Lease, now, CancellationToken.None)).Select(m => m.MsgId));
        Assert.Equal([invoice.MsgId], (await store.Ledger.LeaseAsync("mail", 10, Lease, now, CancellationToken.None)).Select(m => m.MsgId));
        Assert.Empty(await store.Ledger.LeaseAsync("other", 10, Lease, now, CancellationToken.None));
        Assert.Equal(0, Db.Scalar("SELECT COUNT(*) FROM fires WHERE unrouted"));
    }

    [Fact]
    public async Task An_unrouted_fire_is_kept_and_handed_to_the_first_subscriber_only()
    {
        var store = await Db.OpenAsync();
        var fire = await StorageHarness.AddAndFireAsync(store, "orphan", Build.T0);
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM fires WHERE unrouted"));

        await store.Ledger.SubscribeAsync("first", Filter("orphan || else"), null, Build.T0.AddHours(1), CancellationToken.None);
        await store.Ledger.SubscribeAsync("second", Filter("orphan"), null, Build.T0.AddHours(2), CancellationToken.None);
        await store.Ledger.SubscribeAsync("star", TagFilter.All, null, Build.T0.AddHours(3), CancellationToken.None);

        var now = Build.T0.AddHours(4);
        var message = Assert.Single(await store.Ledger.LeaseAsync("first", 10, Lease, now, CancellationToken.None));
        Assert.Equal(fire.MsgId, message.MsgId);
        Assert.Equal(fire.FireTime, message.FireTime);
        Assert.Empty(await store.Ledger.LeaseAsync("second", 10, Lease, now, CancellationToken.None));
        Assert.Empty(await store.Ledger.LeaseAsync("star", 10, Lease, now, CancellationToken.None));
        Assert.Equal(0, Db.Scalar("SELECT COUNT(*) FROM fires WHERE unrouted"));

        // Later fires of the tag go to every subscriber.
        var later = await StorageHarness.AddAndFireAsync(store, "orphan", now);
        Assert.Equal(later.MsgId, Assert.Single(await store.Ledger.LeaseAsync("second", 10, Lease, now, CancellationToken.None)).MsgId);
    }

    [Fact]
    public async Task A_star_subscription_takes_every_kept_fire()
    {
        var store = await Db.OpenAsync();
        var a = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var b = await StorageHarness.AddAndFireAsync(store, "b", Build.T0.AddSeconds(1));

        await store.Ledger.SubscribeAsync("all", TagFilter.All, null, Build.T0.AddMinutes(1), CancellationToken.None);

        var messages = await store.Ledger.LeaseAsync("all", 10, Lease, Build.T0.AddMinutes(1), CancellationToken.None);
        Assert.Equal([a.MsgId, b.MsgId], messages.Select(m => m.MsgId));
    }

    [Fact]
    public async Task A_kept_fire_older_than_the_unrouted_retention_is_not_handed_over()
    {
        var store = await Db.OpenAsync();
        await StorageHarness.AddAndFireAsync(store, "orphan", Build.T0);

        await store.Ledger.SubscribeAsync("late", Filter("orphan"), null, Build.T0 + Build.DefaultQueue().UnroutedRetention + TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Empty(await store.Ledger.LeaseAsync("late", 10, Lease, Build.T0.AddDays(4), CancellationToken.None));
    }

    [Fact]
    public async Task A_subscription_racing_with_commits_receives_every_fire_exactly_once()
    {
        var store = await Db.OpenAsync();
        var commits = Task.Run(async () =>
        {
            var fired = new List<string>();
            for (var i = 0; i < 300; i++)
            {
                fired.Add((await StorageHarness.AddAndFireAsync(store, "t", Build.T0.AddMilliseconds(i))).MsgId);
            }

            return fired;
        });
        var subscribe = Task.Run(async () =>
        {
            while (Db.Scalar("SELECT COUNT(*) FROM fires") < 50)
            {
                await Task.Yield();
            }

            await store.Ledger.SubscribeAsync("late", Filter("t"), null, Build.T0, CancellationToken.None);
        });
        await Task.WhenAll(commits, subscribe);

        var received = await store.Ledger.LeaseAsync("late", 1000, Lease, Build.T0.AddMinutes(1), CancellationToken.None);

        Assert.Equal((await commits).Order(StringComparer.Ordinal), received.Select(m => m.MsgId).Order(StringComparer.Ordinal));
        Assert.Equal(0, Db.Scalar("SELECT COUNT(*) FROM fires WHERE unrouted"));
    }

    [Fact]
    public async Task Changing_a_subscription_routes_new_fires_by_the_new_filter()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.SubscribeAsync("g", Filter("a"), null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("g", Filter("a"), null, Build.T0, CancellationToken.None); // unchanged: nothing to do
        await store.Ledger.SubscribeAsync("g", Filter("b"), null, Build.T0, CancellationToken.None);

        await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var b = await StorageHarness.AddAndFireAsync(store, "b", Build.T0);

        Assert.Equal([b.MsgId], (await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddMinutes(1), CancellationToken.None)).Select(m => m.MsgId));
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM consumer_groups WHERE name = 'g' AND filter = 'b'"));
    }
}
