using TaskCenter.Core.Delivery;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.StorageContract;

/// <summary>
/// Only a message that was handed out can be acked or nacked, so nobody postpones or drops a message they never
/// received; and an answer (a lease, a dead-letter page) ends at its payload budget, leasing nothing it does not return.
/// </summary>
public abstract class HandOutContract(StorageHarness db) : StorageContract(db)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset Later = Build.T0.AddMinutes(1);

    [Fact]
    public async Task An_ack_naming_a_message_never_handed_out_is_refused_and_acks_nothing_of_the_call()
    {
        var store = await Db.OpenSubscribedAsync();
        var received = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var waiting = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(1));
        Assert.Equal(received.MsgId, Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, Later, CancellationToken.None)).MsgId);

        var refused = await store.Ledger.AckAsync("g", [received.MsgId, "unknown", waiting.MsgId], Later, CancellationToken.None);

        Assert.Equal(AckOutcome.Refused(waiting.MsgId).RefusedMsgId, refused.RefusedMsgId);
        Assert.Empty(refused.Acked);
        Assert.Equal(2, Db.Scalar("SELECT COUNT(*) FROM deliveries WHERE group_name = 'g'"));
        Assert.Equal(0, Db.Scalar("SELECT COUNT(*) FROM delivery_outcomes"));
        var next = Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, Later, CancellationToken.None));
        Assert.Equal((waiting.MsgId, 1), (next.MsgId, next.Attempt));
        Assert.Equal([received.MsgId, waiting.MsgId], (await store.Ledger.AckAsync("g", [received.MsgId, waiting.MsgId], Later, CancellationToken.None)).Acked);
    }

    [Fact]
    public async Task A_nack_of_a_message_never_handed_out_is_refused_and_does_not_postpone_it()
    {
        var store = await Db.OpenSubscribedAsync();
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(new NackOutcome(NackResult.NotHandedOut), await store.Ledger.NackAsync("g", fire.MsgId, "not mine", null, Build.T0, CancellationToken.None));
        }

        var message = Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0, CancellationToken.None));
        Assert.Equal(1, message.Attempt);
    }

    [Fact]
    public async Task A_nack_of_a_message_waiting_for_its_retry_leaves_it_as_it_is()
    {
        var store = await Db.OpenSubscribedAsync();
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        await store.Ledger.LeaseAsync("g", 1, Lease, Build.T0, CancellationToken.None);
        var retryAt = Build.T0 + Build.DefaultQueue().RetryDelays[0];
        Assert.Equal(new NackOutcome(NackResult.Retrying, retryAt), await store.Ledger.NackAsync("g", fire.MsgId, "first", null, Build.T0, CancellationToken.None));

        Assert.Equal(new NackOutcome(NackResult.Retrying, retryAt), await store.Ledger.NackAsync("g", fire.MsgId, "again", null, Build.T0.AddSeconds(5), CancellationToken.None));

        var retried = Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, retryAt, CancellationToken.None));
        Assert.Equal(2, retried.Attempt);
    }

    [Fact]
    public async Task A_redriven_message_counts_as_never_handed_out_until_it_is_leased_again()
    {
        var store = await Db.OpenSubscribedAsync(new QueueOptions { MaxRetries = 0 });
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        await store.Ledger.LeaseAsync("g", 1, Lease, Build.T0, CancellationToken.None);
        await store.Ledger.NackAsync("g", fire.MsgId, "bad", null, Build.T0, CancellationToken.None);
        await store.Ledger.RedriveAsync("g", null, Later, CancellationToken.None);

        Assert.Equal(fire.MsgId, (await store.Ledger.AckAsync("g", [fire.MsgId], Later, CancellationToken.None)).RefusedMsgId);
        Assert.Equal(NackResult.NotHandedOut, (await store.Ledger.NackAsync("g", fire.MsgId, null, null, Later, CancellationToken.None)).Result);

        await store.Ledger.LeaseAsync("g", 1, Lease, Later, CancellationToken.None);
        Assert.Equal([fire.MsgId], (await store.Ledger.AckAsync("g", [fire.MsgId], Later, CancellationToken.None)).Acked);
    }

    [Fact]
    public async Task A_message_acked_right_after_its_lease_is_acked_however_it_was_handed_out()
    {
        var store = await Db.OpenSubscribedAsync();
        var fires = new List<FireRecord>();
        for (var i = 0; i < 50; i++)
        {
            fires.Add(await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddMilliseconds(i)));
        }

        foreach (var fire in fires)
        {
            var message = Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, Later, CancellationToken.None));
            Assert.Equal([message.MsgId], (await store.Ledger.AckAsync("g", [message.MsgId], Later, CancellationToken.None)).Acked);
        }
    }

    [Fact]
    public async Task A_lease_ends_before_the_message_that_would_take_it_over_the_byte_budget()
    {
        var store = await Db.OpenAsync(limits: new LimitOptions { MaxResponseBytes = 10 });
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        var fires = new List<FireRecord>();
        foreach (var data in new[] { "aaaa", "bbbbb", "cc", "ddddddddddddddddddddd", "e" })
        {
            fires.Add(await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(fires.Count), data: data));
        }

        var pages = new List<List<string>>();
        for (var page = await store.Ledger.LeaseAsync("g", 100, Lease, Later, CancellationToken.None); page.Count > 0;
             page = await store.Ledger.LeaseAsync("g", 100, Lease, Later, CancellationToken.None))
        {
            pages.Add([.. page.Select(m => m.Data)]);
        }

        // 4 + 5 fit; 2 more would be 11. A message over the budget alone still goes, alone.
        Assert.Equal([["aaaa", "bbbbb"], ["cc"], ["ddddddddddddddddddddd"], ["e"]], pages);
        Assert.Equal(5, Db.Scalar("SELECT COUNT(*) FROM deliveries WHERE state = 'leased' AND attempt = 1"));
    }

    [Fact]
    public async Task A_dead_letter_page_ends_before_the_letter_that_would_take_it_over_the_byte_budget()
    {
        var store = await Db.OpenAsync(new QueueOptions { MaxRetries = 0 }, limits: new LimitOptions { MaxResponseBytes = 10 });
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        foreach (var data in new[] { "aaaa", "bbbbb", "cc" })
        {
            var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(data.Length), data: data);
            await store.Ledger.LeaseAsync("g", 1, Lease, Later, CancellationToken.None);
            await store.Ledger.NackAsync("g", fire.MsgId, "bad", null, Later, CancellationToken.None);
        }

        var first = await store.Ledger.ListDeadLettersAsync("g", 100, null, CancellationToken.None);
        var second = await store.Ledger.ListDeadLettersAsync("g", 100, first[^1].MsgId, CancellationToken.None);

        Assert.Equal(["cc", "aaaa"], first.Select(d => d.Data));
        Assert.Equal(["bbbbb"], second.Select(d => d.Data));
    }
}
