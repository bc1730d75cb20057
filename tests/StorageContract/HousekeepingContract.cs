using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.StorageContract;

/// <summary>Housekeeping: unrouted fires past their retention, and old fires with nothing left to deliver.</summary>
public abstract class HousekeepingContract(StorageHarness db) : StorageContract(db)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static TagFilter Filter(string expression) =>
        TagFilter.TryParse(expression, out var filter, out var error) ? filter : throw new ArgumentException(error);

    private long FireCount(string msgId) => Db.Scalar($"SELECT COUNT(*) FROM fires WHERE msg_id = '{msgId}'");

    [Fact]
    public async Task PurgeExpired_drops_unrouted_fires_past_their_retention_and_counts_them()
    {
        var store = await Db.OpenAsync();
        var old1 = await StorageHarness.AddAndFireAsync(store, "orphan", Build.T0);
        var old2 = await StorageHarness.AddAndFireAsync(store, "lonely", Build.T0.AddHours(1));
        var young = await StorageHarness.AddAndFireAsync(store, "orphan", Build.T0.AddDays(2));

        var dropped = await store.Ledger.PurgeExpiredAsync(Build.T0.AddDays(3).AddHours(2), CancellationToken.None);

        Assert.Equal(2, dropped);
        Assert.Equal(0, FireCount(old1.MsgId));
        Assert.Equal(0, FireCount(old2.MsgId));
        Assert.Equal(1, FireCount(young.MsgId));
        Assert.Equal(0, await store.Ledger.PurgeExpiredAsync(Build.T0.AddDays(3).AddHours(2), CancellationToken.None));
    }

    [Fact]
    public async Task PurgeExpired_keeps_what_was_recorded_at_the_cut_off_the_options_give()
    {
        var queue = new QueueOptions { MaxRetries = 0, UnroutedRetention = TimeSpan.FromHours(1), FireHistoryRetention = TimeSpan.FromHours(2) };
        var store = await Db.OpenAsync(queue);
        var now = Build.T0.AddHours(5);
        var unroutedAtCutOff = await StorageHarness.AddAndFireAsync(store, "orphan", queue.UnroutedKeptSince(now));
        var unroutedBefore = await StorageHarness.AddAndFireAsync(store, "orphan", queue.UnroutedKeptSince(now).AddMilliseconds(-1));
        await store.Ledger.SubscribeAsync("g", Filter("done"), null, Build.T0, CancellationToken.None);
        var doneAtCutOff = await StorageHarness.AddAndFireAsync(store, "done", queue.HistoryKeptSince(now));
        var doneBefore = await StorageHarness.AddAndFireAsync(store, "done", queue.HistoryKeptSince(now).AddMilliseconds(-1));
        var leased = await store.Ledger.LeaseAsync("g", 10, Lease, now, CancellationToken.None);
        await store.Ledger.AckAsync("g", [.. leased.Select(m => m.MsgId)], now, CancellationToken.None);

        Assert.Equal(1, await store.Ledger.PurgeExpiredAsync(now, CancellationToken.None));

        Assert.Equal((1, 0), (FireCount(unroutedAtCutOff.MsgId), FireCount(unroutedBefore.MsgId)));
        Assert.Equal((1, 0), (FireCount(doneAtCutOff.MsgId), FireCount(doneBefore.MsgId)));
    }

    [Fact]
    public async Task PurgeExpired_drops_old_fires_whose_deliveries_are_all_done_and_keeps_the_others()
    {
        var store = await Db.OpenAsync(new QueueOptions { MaxRetries = 0, FireHistoryRetention = TimeSpan.FromDays(1) });
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        var acked = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var dead = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(1));
        var pending = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(2));
        var recentAcked = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddDays(2));
        await store.Ledger.LeaseAsync("g", 2, Lease, Build.T0.AddMinutes(1), CancellationToken.None);
        await store.Ledger.AckAsync("g", [acked.MsgId], Build.T0.AddMinutes(1), CancellationToken.None);
        await store.Ledger.NackAsync("g", dead.MsgId, "bad", null, Build.T0.AddMinutes(1), CancellationToken.None);
        await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddDays(2), CancellationToken.None);
        await store.Ledger.AckAsync("g", [recentAcked.MsgId], Build.T0.AddDays(2), CancellationToken.None);

        var dropped = await store.Ledger.PurgeExpiredAsync(Build.T0.AddDays(2).AddHours(1), CancellationToken.None);

        Assert.Equal(0, dropped); // none of them was unrouted
        Assert.Equal(0, FireCount(acked.MsgId));
        Assert.Equal(1, FireCount(dead.MsgId));
        Assert.Equal(1, FireCount(pending.MsgId));
        Assert.Equal(1, FireCount(recentAcked.MsgId));
        Assert.Single(await store.Ledger.ListDeadLettersAsync("g", 10, null, CancellationToken.None));
    }
}
