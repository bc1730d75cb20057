using TaskCenter.Core.Delivery;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.StorageContract;

/// <summary>
/// Consumer groups and their subscriptions: prefix patterns in routing and in the hand-over of kept fires, the group
/// limits, listing and deleting groups, and stored subscriptions over the limits at start.
/// </summary>
public abstract class SubscriptionContract(StorageHarness db) : StorageContract(db)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset Later = Build.T0.AddMinutes(1);

    private static TagFilter Filter(string expression)
    {
        Assert.True(TagFilter.TryParse(expression, out var filter, out var error), error);
        return filter;
    }

    private static async Task<List<string>> LeaseAllAsync(StoragePorts store, string group) =>
        [.. (await store.Ledger.LeaseAsync(group, 100, Lease, Later, CancellationToken.None)).Select(m => m.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_prefix_pattern_routes_every_tag_that_starts_with_it()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.SubscribeAsync("billing", Filter("billing.* || audit"), null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("invoices", Filter("billing.invoice"), null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("nested", Filter("billing.invoice.*"), null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("all", TagFilter.All, null, Build.T0, CancellationToken.None);

        foreach (var name in new[] { "billing.invoice", "billing.refund", "billing.invoice.eu", "billingx", "billing", "audit", "other" })
        {
            await StorageHarness.AddAndFireAsync(store, name, Build.T0);
        }

        Assert.Equal(["audit", "billing.invoice", "billing.invoice.eu", "billing.refund"], await LeaseAllAsync(store, "billing"));
        Assert.Equal(["billing.invoice"], await LeaseAllAsync(store, "invoices"));
        Assert.Equal(["billing.invoice.eu"], await LeaseAllAsync(store, "nested"));
        Assert.Equal(7, (await LeaseAllAsync(store, "all")).Count);
    }

    [Fact]
    public async Task A_group_whose_patterns_overlap_gets_one_delivery_per_fire()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.SubscribeAsync("g", Filter("a.* || a.b.* || a.b.c || a.b.c"), null, Build.T0, CancellationToken.None);

        var fire = await StorageHarness.AddAndFireAsync(store, "a.b.c", Build.T0);

        Assert.Equal(fire.MsgId, Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, Later, CancellationToken.None)).MsgId);
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM deliveries"));
        Assert.Equal("a.*", Assert.Single(await store.Ledger.ListGroupsAsync(null, 10, _ => true, CancellationToken.None)).Subscription.Expression);
    }

    [Fact]
    public async Task Kept_fires_are_handed_to_the_first_group_whose_prefix_matches_them()
    {
        var store = await Db.OpenAsync();
        await StorageHarness.AddAndFireAsync(store, "billing.invoice", Build.T0);
        await StorageHarness.AddAndFireAsync(store, "billing.refund", Build.T0);
        await StorageHarness.AddAndFireAsync(store, "billingx", Build.T0);
        await StorageHarness.AddAndFireAsync(store, "shipping.label", Build.T0);

        await store.Ledger.SubscribeAsync("billing", Filter("billing.* || shipping.label"), null, Later, CancellationToken.None);
        await store.Ledger.SubscribeAsync("late", Filter("billing.*"), null, Later, CancellationToken.None);

        Assert.Equal(["billing.invoice", "billing.refund", "shipping.label"], await LeaseAllAsync(store, "billing"));
        Assert.Empty(await LeaseAllAsync(store, "late"));
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM fires WHERE unrouted"));
    }

    [Fact]
    public async Task Changing_a_subscription_from_a_prefix_to_tags_routes_by_the_new_one_only()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.SubscribeAsync("g", Filter("a.*"), null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("g", Filter("b.x"), null, Build.T0, CancellationToken.None);

        await StorageHarness.AddAndFireAsync(store, "a.x", Build.T0);
        await StorageHarness.AddAndFireAsync(store, "b.x", Build.T0);

        Assert.Equal(["b.x"], await LeaseAllAsync(store, "g"));
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM fires WHERE unrouted"));
    }

    [Fact]
    public async Task A_new_group_past_the_server_limit_is_refused_and_nothing_is_written()
    {
        var store = await Db.OpenAsync(limits: new LimitOptions { MaxGroups = 2 });
        Assert.Equal(SubscribeResult.Subscribed, await store.Ledger.SubscribeAsync("g1", TagFilter.All, null, Build.T0, CancellationToken.None));
        Assert.Equal(SubscribeResult.Subscribed, await store.Ledger.SubscribeAsync("g2", Filter("a"), "key", Build.T0, CancellationToken.None));

        Assert.Equal(SubscribeResult.TooManyGroups, await store.Ledger.SubscribeAsync("g3", TagFilter.All, null, Build.T0, CancellationToken.None));

        // Existing groups still change their subscription.
        Assert.Equal(SubscribeResult.Subscribed, await store.Ledger.SubscribeAsync("g2", Filter("b"), "key", Build.T0, CancellationToken.None));
        Assert.Equal(2, Db.Scalar("SELECT COUNT(*) FROM consumer_groups"));
        await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        Assert.Empty(await store.Ledger.LeaseAsync("g3", 10, Lease, Later, CancellationToken.None));
    }

    [Fact]
    public async Task A_key_makes_groups_up_to_its_limit_and_groups_made_without_a_key_do_not_count()
    {
        var store = await Db.OpenAsync(limits: new LimitOptions { MaxGroupsPerKey = 1 });
        Assert.Equal(SubscribeResult.Subscribed, await store.Ledger.SubscribeAsync("g1", TagFilter.All, "billing", Build.T0, CancellationToken.None));

        Assert.Equal(SubscribeResult.TooManyGroupsForKey, await store.Ledger.SubscribeAsync("g2", TagFilter.All, "billing", Build.T0, CancellationToken.None));
        Assert.Equal(SubscribeResult.Subscribed, await store.Ledger.SubscribeAsync("g2", TagFilter.All, "shipping", Build.T0, CancellationToken.None));
        Assert.Equal(SubscribeResult.Subscribed, await store.Ledger.SubscribeAsync("g3", TagFilter.All, null, Build.T0, CancellationToken.None));
        Assert.Equal(SubscribeResult.Subscribed, await store.Ledger.SubscribeAsync("g4", TagFilter.All, null, Build.T0, CancellationToken.None));

        // Another key may change a group it did not make; the group stays its maker's.
        Assert.Equal(SubscribeResult.Subscribed, await store.Ledger.SubscribeAsync("g1", Filter("a"), "shipping", Build.T0, CancellationToken.None));
        var owners = (await store.Ledger.ListGroupsAsync(null, 10, _ => true, CancellationToken.None)).Select(g => (g.Name, g.Owner));
        Assert.Equal([("g1", "billing"), ("g2", "shipping"), ("g3", (string?)null), ("g4", null)], owners);
    }

    [Fact]
    public async Task Subscribing_again_to_the_same_filter_writes_nothing_and_another_filter_is_written()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.SubscribeAsync("g", Filter("b || a"), "key", Build.T0, CancellationToken.None);

        await store.Ledger.SubscribeAsync("g", Filter("a || b"), "other", Build.T0.AddHours(1), CancellationToken.None);
        var unchanged = Assert.Single(await store.Ledger.ListGroupsAsync(null, 10, _ => true, CancellationToken.None));
        await store.Ledger.SubscribeAsync("g", Filter("a"), "other", Build.T0.AddHours(2), CancellationToken.None);
        var changed = Assert.Single(await store.Ledger.ListGroupsAsync(null, 10, _ => true, CancellationToken.None));

        Assert.Equal(("a || b", "key", Build.T0), (unchanged.Subscription.Expression, unchanged.Owner, unchanged.SubscribedAt));
        Assert.Equal(("a", "key", Build.T0.AddHours(2)), (changed.Subscription.Expression, changed.Owner, changed.SubscribedAt));
    }

    [Fact]
    public async Task Groups_are_listed_by_name_in_pages_and_through_a_filter_on_the_name()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.SubscribeAsync("c", Filter("x || billing.*"), "key", Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("a", TagFilter.All, null, Build.T0.AddSeconds(1), CancellationToken.None);
        await store.Ledger.SubscribeAsync("b", Filter("y"), null, Build.T0.AddSeconds(2), CancellationToken.None);
        await store.Ledger.SubscribeAsync("d", Filter("z"), null, Build.T0.AddSeconds(3), CancellationToken.None);

        var first = await store.Ledger.ListGroupsAsync(null, 2, _ => true, CancellationToken.None);
        var rest = await store.Ledger.ListGroupsAsync(first[^1].Name, 10, _ => true, CancellationToken.None);
        var visible = await store.Ledger.ListGroupsAsync(null, 2, name => name != "b", CancellationToken.None);

        Assert.Equal(["a", "b"], first.Select(g => g.Name));
        Assert.Equal(["c", "d"], rest.Select(g => g.Name));
        Assert.Equal(["a", "c"], visible.Select(g => g.Name));
        Assert.Equal(new ConsumerGroup("c", rest[0].Subscription, "key", Build.T0), rest[0]);
        Assert.Equal("billing.* || x", rest[0].Subscription.Expression);
        Assert.True(first[0].Subscription.MatchesAll);
    }

    [Fact]
    public async Task Deleting_a_group_removes_its_subscription_its_pending_messages_and_its_dead_letters_only()
    {
        var store = await Db.OpenAsync(new QueueOptions { MaxRetries = 0 });
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("h", TagFilter.All, null, Build.T0, CancellationToken.None);
        var dead = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(1));
        await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(2));
        await store.Ledger.LeaseAsync("g", 2, Lease, Later, CancellationToken.None);
        await store.Ledger.NackAsync("g", dead.MsgId, "bad", null, Later, CancellationToken.None);

        var removed = await store.Ledger.DeleteGroupAsync("g", CancellationToken.None);

        Assert.NotNull(removed);
        Assert.Equal((true, 2L, 1L), (removed.Subscription!.MatchesAll, removed.Pending, removed.DeadLetters));
        Assert.Equal(["h"], (await store.Ledger.ListGroupsAsync(null, 10, _ => true, CancellationToken.None)).Select(g => g.Name));
        Assert.Equal(0, Db.Scalar("SELECT COUNT(*) FROM deliveries WHERE group_name = 'g'"));
        Assert.Equal(3, (await store.Ledger.LeaseAsync("h", 10, Lease, Later, CancellationToken.None)).Count);
        Assert.Empty(await store.Ledger.ListDeadLettersAsync("g", 10, null, CancellationToken.None));
        Assert.Null(await store.Ledger.DeleteGroupAsync("g", CancellationToken.None));

        // Fires from now on are not routed to it; subscribing again makes it anew.
        await StorageHarness.AddAndFireAsync(store, "a", Later);
        Assert.Empty(await store.Ledger.LeaseAsync("g", 10, Lease, Later, CancellationToken.None));
        Assert.Equal(SubscribeResult.Subscribed, await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Later, CancellationToken.None));
        await StorageHarness.AddAndFireAsync(store, "a", Later);
        Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, Later, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_a_group_makes_room_under_the_group_limits()
    {
        var store = await Db.OpenAsync(limits: new LimitOptions { MaxGroups = 1, MaxGroupsPerKey = 1 });
        await store.Ledger.SubscribeAsync("old", TagFilter.All, "key", Build.T0, CancellationToken.None);
        Assert.Equal(SubscribeResult.TooManyGroups, await store.Ledger.SubscribeAsync("new", TagFilter.All, "key", Build.T0, CancellationToken.None));

        await store.Ledger.DeleteGroupAsync("old", CancellationToken.None);

        Assert.Equal(SubscribeResult.Subscribed, await store.Ledger.SubscribeAsync("new", TagFilter.All, "key", Build.T0, CancellationToken.None));
    }

    [Fact]
    public async Task A_group_holding_only_dead_letters_is_deleted_too()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.AddDeadLettersAsync([Build.DeadLetter("transport", 3, Build.T0)], CancellationToken.None);

        var removed = await store.Ledger.DeleteGroupAsync("transport", CancellationToken.None);

        Assert.Equal(new GroupRemoval(null, 0, 1), removed);
        Assert.Null(await store.Ledger.DeleteGroupAsync("never", CancellationToken.None));
    }

    [Fact]
    public async Task A_stored_subscription_over_the_tag_limit_matches_nothing_after_a_restart_and_keeps_its_messages()
    {
        var first = await Db.OpenAsync();
        await first.Ledger.SubscribeAsync("wide", Filter("t1 || t2 || t3 || t4"), "key", Build.T0, CancellationToken.None);
        await first.Ledger.SubscribeAsync("narrow", Filter("n1 || n2"), null, Build.T0, CancellationToken.None);
        var kept = await StorageHarness.AddAndFireAsync(first, "t1", Build.T0);

        var restarted = await Db.OpenAsync(limits: new LimitOptions { MaxTagsPerSubscription = 3 });

        var groups = await restarted.Ledger.ListGroupsAsync(null, 10, _ => true, CancellationToken.None);
        Assert.Equal([("narrow", "n1 || n2", (string?)null), ("wide", "", "key")], groups.Select(g => (g.Name, g.Subscription.Expression, g.Owner)));
        Assert.Equal(kept.MsgId, Assert.Single(await restarted.Ledger.LeaseAsync("wide", 10, Lease, Later, CancellationToken.None)).MsgId);

        // Its tags' fires wait, kept for it, until it subscribes again within the limit.
        var waiting = await StorageHarness.AddAndFireAsync(restarted, "t2", Later);
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM fires WHERE unrouted"));
        Assert.Equal(SubscribeResult.Subscribed, await restarted.Ledger.SubscribeAsync("wide", Filter("t*"), "key", Later, CancellationToken.None));
        Assert.Equal(waiting.MsgId, Assert.Single(await restarted.Ledger.LeaseAsync("wide", 10, Lease, Later, CancellationToken.None)).MsgId);
        Assert.Equal("t*", (await restarted.Ledger.ListGroupsAsync("narrow", 10, _ => true, CancellationToken.None))[0].Subscription.Expression);
    }
}
