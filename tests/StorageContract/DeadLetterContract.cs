using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.StorageContract;

/// <summary>A group's dead letters: listed oldest fire first and paged, redriven, purged; and those a transport gives up on.</summary>
public abstract class DeadLetterContract(StorageHarness db) : StorageContract(db)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>With MaxRetries = 0 one nack dead-letters; returns the dead fires' msgids, oldest fire first.</summary>
    private static async Task<List<string>> KillAsync(StoragePorts store, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(count - i)); // recorded newest first
            ids.Insert(0, fire.MsgId);
        }

        await store.Ledger.LeaseAsync("g", count, Lease, Build.T0.AddHours(1), CancellationToken.None);
        foreach (var id in ids)
        {
            Assert.Equal(NackResult.DeadLettered, (await store.Ledger.NackAsync("g", id, "bad", null, Build.T0.AddHours(1), CancellationToken.None)).Result);
        }

        return ids;
    }

    private async Task<StoragePorts> OpenAsync()
    {
        var store = await Db.OpenAsync(new QueueOptions { MaxRetries = 0 });
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("h", TagFilter.All, null, Build.T0, CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task Dead_letters_are_listed_oldest_fire_first_and_paged_after_a_msgid()
    {
        var store = await OpenAsync();
        var ids = await KillAsync(store, 5);

        var page1 = await store.Ledger.ListDeadLettersAsync("g", 2, null, CancellationToken.None);
        var page2 = await store.Ledger.ListDeadLettersAsync("g", 2, page1[^1].MsgId, CancellationToken.None);
        var page3 = await store.Ledger.ListDeadLettersAsync("g", 2, page2[^1].MsgId, CancellationToken.None);

        Assert.Equal(ids, page1.Concat(page2).Concat(page3).Select(d => d.MsgId));
        Assert.All(page1, d => Assert.Equal("g", d.Group));
        Assert.Empty(await store.Ledger.ListDeadLettersAsync("g", 2, page3[^1].MsgId, CancellationToken.None));
        Assert.Empty(await store.Ledger.ListDeadLettersAsync("h", 10, null, CancellationToken.None));
    }

    [Fact]
    public async Task Redrive_makes_dead_letters_ready_now_with_a_fresh_retry_budget()
    {
        var store = await OpenAsync();
        var ids = await KillAsync(store, 3);
        var now = Build.T0.AddHours(2);

        var moved = await store.Ledger.RedriveAsync("g", [ids[1], "unknown", ids[1]], now, CancellationToken.None);

        Assert.Equal([ids[1]], moved);
        Assert.Empty(await store.Ledger.LeaseAsync("g", 10, Lease, now.AddMilliseconds(-1), CancellationToken.None));
        var message = Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, now, CancellationToken.None));
        Assert.Equal(ids[1], message.MsgId);
        Assert.Equal(1, message.Attempt);
        Assert.Equal([ids[0], ids[2]], (await store.Ledger.ListDeadLettersAsync("g", 10, null, CancellationToken.None)).Select(d => d.MsgId));

        Assert.Equal([ids[0], ids[2]], await store.Ledger.RedriveAsync("g", null, now, CancellationToken.None));
        Assert.Empty(await store.Ledger.ListDeadLettersAsync("g", 10, null, CancellationToken.None));
        Assert.Equal(2, (await store.Ledger.LeaseAsync("g", 10, Lease, now, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Purge_deletes_dead_letters_for_good_and_only_dead_ones()
    {
        var store = await OpenAsync();
        var ids = await KillAsync(store, 3);
        var live = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddHours(1));

        Assert.Equal([ids[2]], await store.Ledger.PurgeDeadLettersAsync("g", [ids[2], live.MsgId], CancellationToken.None));
        Assert.Equal([ids[0], ids[1]], await store.Ledger.PurgeDeadLettersAsync("g", null, CancellationToken.None));

        Assert.Empty(await store.Ledger.ListDeadLettersAsync("g", 10, null, CancellationToken.None));
        Assert.Empty(await store.Ledger.RedriveAsync("g", null, Build.T0.AddHours(2), CancellationToken.None));
        Assert.Equal(live.MsgId, Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddHours(2), CancellationToken.None)).MsgId);
    }

    [Fact]
    public async Task Dead_letters_a_transport_gave_up_on_are_recorded_once_per_group_and_can_be_redriven()
    {
        var store = await OpenAsync();
        var letter = Build.DeadLetter("g", 17, Build.T0.AddHours(1));
        var sameFireOtherGroup = letter with { Group = "h", Attempts = 3 };

        await store.Ledger.AddDeadLettersAsync([letter, sameFireOtherGroup], CancellationToken.None);
        await store.Ledger.AddDeadLettersAsync([letter with { LastError = "again", DeadAt = Build.T0.AddHours(2) }], CancellationToken.None);

        Assert.Equal(letter, Assert.Single(await store.Ledger.ListDeadLettersAsync("g", 10, null, CancellationToken.None)));
        Assert.Equal(sameFireOtherGroup, Assert.Single(await store.Ledger.ListDeadLettersAsync("h", 10, null, CancellationToken.None)));
        Assert.Equal([letter.MsgId], await store.Ledger.RedriveAsync("g", null, Build.T0.AddHours(3), CancellationToken.None));
        var message = Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddHours(3), CancellationToken.None));
        Assert.Equal((letter.MsgId, letter.TaskId, letter.Data, 1), (message.MsgId, message.TaskId, message.Data, message.Attempt));
    }
}
