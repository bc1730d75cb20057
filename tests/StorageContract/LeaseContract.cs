using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.StorageContract;

/// <summary>Consuming: leases in fire order, acks, nacks with retry delays, expired leases, concurrent consumers.</summary>
public abstract class LeaseContract(StorageHarness db) : StorageContract(db)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Lease_hands_out_ready_messages_oldest_fire_first_up_to_max_and_holds_them()
    {
        var store = await Db.OpenSubscribedAsync();
        var second = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(2));
        var first = await StorageHarness.AddAndFireAsync(store, "b", Build.T0.AddSeconds(1));
        var third = await StorageHarness.AddAndFireAsync(store, "c", Build.T0.AddSeconds(3));
        var now = Build.T0.AddMinutes(1);

        var batch = await store.Ledger.LeaseAsync("g", 2, Lease, now, CancellationToken.None);
        var rest = await store.Ledger.LeaseAsync("g", 2, Lease, now, CancellationToken.None);

        Assert.Equal([first.MsgId, second.MsgId], batch.Select(m => m.MsgId));
        Assert.Equal([third.MsgId], rest.Select(m => m.MsgId));
        Assert.Empty(await store.Ledger.LeaseAsync("g", 2, Lease, now, CancellationToken.None));
        var message = batch[0];
        Assert.Equal(first.TaskId, message.TaskId);
        Assert.Equal("b", message.Name);
        Assert.Equal(first.Data, message.Data);
        Assert.Equal(first.FireTime, message.FireTime);
        Assert.Equal(1, message.Attempt);
        Assert.Equal(now + Lease, message.LeaseUntil);
        Assert.True(message.Ack);
    }

    [Fact]
    public async Task A_message_is_not_visible_before_its_fire_time()
    {
        var store = await Db.OpenSubscribedAsync();
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(30));

        Assert.Empty(await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0, CancellationToken.None));
        Assert.Equal(fire.FireTime, await store.Ledger.GetNextReadyAsync("g", CancellationToken.None));
        Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddSeconds(30), CancellationToken.None));
    }

    [Fact]
    public async Task GetNextReady_is_null_without_messages_and_the_lease_end_while_leased()
    {
        var store = await Db.OpenSubscribedAsync();
        Assert.Null(await store.Ledger.GetNextReadyAsync("g", CancellationToken.None));
        await StorageHarness.AddAndFireAsync(store, "a", Build.T0);

        var message = Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, Build.T0, CancellationToken.None));

        Assert.Equal(message.LeaseUntil, await store.Ledger.GetNextReadyAsync("g", CancellationToken.None));
        await store.Ledger.AckAsync("g", [message.MsgId], Build.T0, CancellationToken.None);
        Assert.Null(await store.Ledger.GetNextReadyAsync("g", CancellationToken.None));
    }

    [Fact]
    public async Task Ack_removes_the_groups_messages_and_returns_those_that_were_pending()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("h", TagFilter.All, null, Build.T0, CancellationToken.None);
        var first = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var retrying = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(1));
        await store.Ledger.LeaseAsync("g", 2, Lease, Build.T0.AddSeconds(1), CancellationToken.None);
        await store.Ledger.NackAsync("g", retrying.MsgId, "again", null, Build.T0.AddSeconds(1), CancellationToken.None);

        var acked = await store.Ledger.AckAsync("g", [retrying.MsgId, "unknown", first.MsgId, retrying.MsgId], Build.T0.AddSeconds(1), CancellationToken.None);

        Assert.Null(acked.RefusedMsgId);
        Assert.Equal([retrying.MsgId, first.MsgId], acked.Acked);
        Assert.Empty(await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddHours(1), CancellationToken.None));
        Assert.Equal(2, (await store.Ledger.LeaseAsync("h", 10, Lease, Build.T0.AddHours(1), CancellationToken.None)).Count);
        Assert.Empty((await store.Ledger.AckAsync("g", [retrying.MsgId], Build.T0.AddSeconds(1), CancellationToken.None)).Acked);
    }

    [Fact]
    public async Task Nack_with_a_retry_time_brings_the_message_back_at_that_time()
    {
        var store = await Db.OpenSubscribedAsync();
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var t1 = Build.T0.AddSeconds(5);
        await store.Ledger.LeaseAsync("g", 1, Lease, t1, CancellationToken.None);
        var asked = t1.AddMinutes(2).AddMilliseconds(250);

        var outcome = await store.Ledger.NackAsync("g", fire.MsgId, "HTTP 429", asked, t1, CancellationToken.None);

        Assert.Equal(new NackOutcome(NackResult.Retrying, asked), outcome);
        Assert.Equal(asked, await store.Ledger.GetNextReadyAsync("g", CancellationToken.None));
        Assert.Empty(await store.Ledger.LeaseAsync("g", 1, Lease, asked.AddMilliseconds(-1), CancellationToken.None));
        Assert.Equal(2, Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, asked, CancellationToken.None)).Attempt);
    }

    [Fact]
    public async Task Nack_brings_the_message_back_after_the_retry_delay_with_the_next_attempt()
    {
        var store = await Db.OpenSubscribedAsync();
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var t1 = Build.T0.AddSeconds(5);
        await store.Ledger.LeaseAsync("g", 1, Lease, t1, CancellationToken.None);

        var outcome = await store.Ledger.NackAsync("g", fire.MsgId, "boom", null, t1, CancellationToken.None);

        Assert.Equal(new NackOutcome(NackResult.Retrying, t1.AddSeconds(10)), outcome);
        Assert.Empty(await store.Ledger.LeaseAsync("g", 1, Lease, t1.AddSeconds(9), CancellationToken.None));
        Assert.Equal(t1.AddSeconds(10), await store.Ledger.GetNextReadyAsync("g", CancellationToken.None));
        var t2 = t1.AddSeconds(10);
        var again = Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, t2, CancellationToken.None));
        Assert.Equal(fire.MsgId, again.MsgId);
        Assert.Equal(2, again.Attempt);

        // The second retry waits the second delay.
        Assert.Equal(new NackOutcome(NackResult.Retrying, t2.AddSeconds(30)), await store.Ledger.NackAsync("g", fire.MsgId, "boom", null, t2, CancellationToken.None));
    }

    [Fact]
    public async Task Nack_dead_letters_once_the_retries_are_used_up()
    {
        var store = await Db.OpenSubscribedAsync(); // MaxRetries = 3: attempts 1 to 4
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var now = Build.T0;
        var results = new List<NackResult>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var message = Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, now, CancellationToken.None));
            Assert.Equal(attempt, message.Attempt);
            var outcome = await store.Ledger.NackAsync("g", fire.MsgId, $"failure {attempt}", null, now, CancellationToken.None);
            results.Add(outcome.Result);
            now = outcome.RetryAt ?? now;
        }

        Assert.Equal([NackResult.Retrying, NackResult.Retrying, NackResult.Retrying, NackResult.DeadLettered], results);
        Assert.Empty(await store.Ledger.LeaseAsync("g", 1, Lease, now.AddDays(1), CancellationToken.None));
        Assert.Null(await store.Ledger.GetNextReadyAsync("g", CancellationToken.None));
        var dead = Assert.Single(await store.Ledger.ListDeadLettersAsync("g", 10, null, CancellationToken.None));
        Assert.Equal(fire.MsgId, dead.MsgId);
        Assert.Equal(4, dead.Attempts);
        Assert.Equal("failure 4", dead.LastError);
        Assert.Equal(now, dead.DeadAt);
    }

    [Fact]
    public async Task A_nack_without_a_reason_is_kept_as_the_rules_default_error_on_a_retry_and_a_dead_letter()
    {
        var store = await Db.OpenSubscribedAsync(new QueueOptions { MaxRetries = 1, RetryDelays = [TimeSpan.FromSeconds(10)] });
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var first = Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, Build.T0, CancellationToken.None));

        var retry = await store.Ledger.NackAsync("g", first.MsgId, null, null, Build.T0, CancellationToken.None);
        var waiting = Assert.Single((await store.Reader.GetFireHistoryAsync(fire.TaskId, 10, null, CancellationToken.None))[0].Deliveries);
        Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, retry.RetryAt!.Value, CancellationToken.None));
        await store.Ledger.NackAsync("g", first.MsgId, "", null, retry.RetryAt!.Value, CancellationToken.None);

        Assert.Equal(NackRule.DefaultError, waiting.LastError);
        Assert.Equal(NackRule.DefaultError, Assert.Single(await store.Ledger.ListDeadLettersAsync("g", 10, null, CancellationToken.None)).LastError);
    }

    [Fact]
    public async Task Nack_of_an_unknown_acked_dead_or_foreign_message_is_not_found()
    {
        var store = await Db.OpenSubscribedAsync(new QueueOptions { MaxRetries = 0 });
        await store.Ledger.SubscribeAsync("h", TagFilter.All, null, Build.T0, CancellationToken.None);
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        await store.Ledger.LeaseAsync("g", 1, Lease, Build.T0, CancellationToken.None);
        await store.Ledger.LeaseAsync("h", 1, Lease, Build.T0, CancellationToken.None);

        Assert.Equal(NackResult.NotFound, (await store.Ledger.NackAsync("g", "unknown", null, null, Build.T0, CancellationToken.None)).Result);
        Assert.Equal(NackResult.DeadLettered, (await store.Ledger.NackAsync("g", fire.MsgId, null, null, Build.T0, CancellationToken.None)).Result);
        Assert.Equal(NackResult.NotFound, (await store.Ledger.NackAsync("g", fire.MsgId, null, null, Build.T0, CancellationToken.None)).Result);
        await store.Ledger.AckAsync("h", [fire.MsgId], Build.T0, CancellationToken.None);
        Assert.Equal(NackResult.NotFound, (await store.Ledger.NackAsync("h", fire.MsgId, null, null, Build.T0, CancellationToken.None)).Result);
    }

    [Fact]
    public async Task An_expired_lease_redelivers_the_same_message_with_the_next_attempt()
    {
        var store = await Db.OpenSubscribedAsync();
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var first = Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, Build.T0, CancellationToken.None));

        Assert.Empty(await store.Ledger.LeaseAsync("g", 1, Lease, first.LeaseUntil.AddMilliseconds(-1), CancellationToken.None));
        var second = Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, first.LeaseUntil, CancellationToken.None));

        Assert.Equal(fire.MsgId, second.MsgId);
        Assert.Equal(2, second.Attempt);
        Assert.Equal(first.LeaseUntil + Lease, second.LeaseUntil);
    }

    [Fact]
    public async Task A_message_whose_lease_expires_too_often_is_dead_lettered_and_the_lease_looks_further()
    {
        var store = await Db.OpenSubscribedAsync(new QueueOptions { MaxRetries = 1 }); // attempts 1 and 2
        var poison = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var now = Build.T0;
        Assert.Equal(1, Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, now, CancellationToken.None)).Attempt);
        now += Lease;
        Assert.Equal(2, Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, now, CancellationToken.None)).Attempt);
        now += Lease;
        var healthy = await StorageHarness.AddAndFireAsync(store, "b", now);

        var batch = await store.Ledger.LeaseAsync("g", 2, Lease, now, CancellationToken.None);

        Assert.Equal(healthy.MsgId, Assert.Single(batch).MsgId);
        var dead = Assert.Single(await store.Ledger.ListDeadLettersAsync("g", 10, null, CancellationToken.None));
        Assert.Equal(poison.MsgId, dead.MsgId);
        Assert.Equal(LeaseRule.ExpiredError, dead.LastError);
        Assert.Equal(2, dead.Attempts);
        Assert.Equal(now, dead.DeadAt);
    }

    [Fact]
    public async Task A_fire_with_max_runtime_is_leased_for_that_long_instead_of_the_consumers_lease()
    {
        var store = await Db.OpenSubscribedAsync();
        await StorageHarness.AddAndFireAsync(store, "long", Build.T0, lease: TimeSpan.FromMinutes(5));

        var message = Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, Build.T0, CancellationToken.None));

        Assert.Equal(Build.T0.AddMinutes(5), message.LeaseUntil);
        Assert.Empty(await store.Ledger.LeaseAsync("g", 1, Lease, Build.T0.AddMinutes(2), CancellationToken.None));
        Assert.Single(await store.Ledger.LeaseAsync("g", 1, Lease, Build.T0.AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_consumers_never_hold_the_same_message()
    {
        var store = await Db.OpenSubscribedAsync();
        var fired = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            fired.Add((await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddMilliseconds(i))).MsgId);
        }

        var batches = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (true)
            {
                var batch = await store.Ledger.LeaseAsync("g", 7, Lease, Build.T0.AddMinutes(1), CancellationToken.None);
                if (batch.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(batch.Select(m => m.MsgId));
            }
        })));

        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(fired.Count, all.Count);
        Assert.Equal(fired.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
    }
}
