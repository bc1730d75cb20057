using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>A task's fire history: each kept fire, latest first, and what became of it in every consumer group.</summary>
public abstract class FireHistoryContract(StorageHarness db) : StorageContract(db)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static async Task<FireHistoryEntry> OnlyEntryAsync(StoragePorts store, FireRecord fire)
    {
        var entry = Assert.Single(await store.Reader.GetFireHistoryAsync(fire.TaskId, 10, null, CancellationToken.None));
        Assert.Equal(fire.MsgId, entry.MsgId);
        return entry;
    }

    private async Task<StoragePorts> OpenAsync(int maxRetries, params string[] groups)
    {
        var queue = Build.DefaultQueue();
        queue.MaxRetries = maxRetries;
        var store = await Db.OpenAsync(queue);
        foreach (var group in groups)
        {
            await store.Ledger.SubscribeAsync(group, TagFilter.All, null, Build.T0, CancellationToken.None);
        }

        return store;
    }

    [Fact]
    public async Task An_acked_delivery_shows_its_attempts_first_delivery_and_ack_time_beside_the_other_groups()
    {
        var store = await OpenAsync(3, "h", "g");
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var t1 = Build.T0.AddSeconds(1);
        Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, t1, CancellationToken.None));
        await store.Ledger.NackAsync("g", fire.MsgId, "boom", null, t1, CancellationToken.None);
        var t2 = t1.AddSeconds(10);
        Assert.Equal(2, Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, t2, CancellationToken.None)).Attempt);
        var t3 = t2.AddSeconds(2);
        Assert.Equal([fire.MsgId], (await store.Ledger.AckAsync("g", [fire.MsgId], t3, CancellationToken.None)).Acked);

        var entry = await OnlyEntryAsync(store, fire);

        Assert.Equal((Build.T0, fire.RecordedAt, (DateTimeOffset?)null, false, false), (entry.FireTime, entry.RecordedAt, entry.PublishedAt, entry.Unpublished, entry.Unrouted));
        Assert.Equal(
            [
                new FireDelivery { Group = "g", State = FireDeliveryState.Acked, Attempts = 2, FirstDeliveredAt = t1, DoneAt = t3, LastError = "boom" },
                new FireDelivery { Group = "h", State = FireDeliveryState.Ready, Attempts = 0, AvailableAt = Build.T0 },
            ],
            entry.Deliveries);
    }

    [Fact]
    public async Task Retrying_leased_and_dead_deliveries_show_as_such_with_when_a_consumer_can_have_them_next()
    {
        var store = await OpenAsync(1, "g");
        var retrying = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var dead = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(1));
        var leased = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(2));
        var now = Build.T0.AddMinutes(1);
        Assert.Equal(3, (await store.Ledger.LeaseAsync("g", 10, Lease, now, CancellationToken.None)).Count);
        await store.Ledger.NackAsync("g", dead.MsgId, "first", null, now, CancellationToken.None);
        var later = now.AddSeconds(10);
        Assert.Equal(dead.MsgId, Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, later, CancellationToken.None)).MsgId);
        Assert.Equal(NackResult.DeadLettered, (await store.Ledger.NackAsync("g", dead.MsgId, "second", null, later, CancellationToken.None)).Result);
        Assert.Equal(NackResult.Retrying, (await store.Ledger.NackAsync("g", retrying.MsgId, "again", null, later, CancellationToken.None)).Result);
        await store.Ledger.GetNextReadyAsync("g", CancellationToken.None); // (SQLite: waits for leases handed out from memory to be written)

        Assert.Equal(
            new FireDelivery { Group = "g", State = FireDeliveryState.Ready, Attempts = 1, FirstDeliveredAt = now, LastError = "again", AvailableAt = later.AddSeconds(10) },
            Assert.Single((await OnlyEntryAsync(store, retrying)).Deliveries));
        Assert.Equal(
            new FireDelivery { Group = "g", State = FireDeliveryState.Dead, Attempts = 2, FirstDeliveredAt = now, DoneAt = later, LastError = "second" },
            Assert.Single((await OnlyEntryAsync(store, dead)).Deliveries));
        Assert.Equal(
            new FireDelivery { Group = "g", State = FireDeliveryState.Leased, Attempts = 1, FirstDeliveredAt = now, AvailableAt = now + Lease },
            Assert.Single((await OnlyEntryAsync(store, leased)).Deliveries));
    }

    [Fact]
    public async Task A_dead_letter_a_transport_gave_up_on_shows_as_dead()
    {
        var store = await OpenAsync(3);
        var letter = Build.DeadLetter("rabbit", 5, Build.T0.AddHours(1));
        await store.Ledger.AddDeadLettersAsync([letter], CancellationToken.None);

        var entry = Assert.Single(await store.Reader.GetFireHistoryAsync(letter.TaskId, 10, null, CancellationToken.None));

        Assert.Equal((letter.MsgId, Build.T0), (entry.MsgId, entry.FireTime));
        Assert.Equal(
            new FireDelivery { Group = "rabbit", State = FireDeliveryState.Dead, Attempts = 5, DoneAt = letter.DeadAt, LastError = "handler failed" },
            Assert.Single(entry.Deliveries));
    }

    [Fact]
    public async Task An_unrouted_fire_has_no_deliveries_until_a_group_subscribes()
    {
        var store = await OpenAsync(3);
        var fire = await StorageHarness.AddAndFireAsync(store, "orphan", Build.T0);

        var entry = await OnlyEntryAsync(store, fire);
        Assert.True(entry.Unrouted);
        Assert.Empty(entry.Deliveries);

        await store.Ledger.SubscribeAsync("late", TagFilter.All, null, Build.T0.AddMinutes(1), CancellationToken.None);
        entry = await OnlyEntryAsync(store, fire);
        Assert.False(entry.Unrouted);
        Assert.Equal(new FireDelivery { Group = "late", State = FireDeliveryState.Ready, Attempts = 0, AvailableAt = Build.T0 }, Assert.Single(entry.Deliveries));
    }

    [Fact]
    public async Task An_outbox_fire_shows_when_it_was_published()
    {
        var store = await Db.OpenAsync(routing: FireRouting.Outbox);
        var fire = await StorageHarness.AddAndFireAsync(store, "tick", Build.T0);

        var waiting = await OnlyEntryAsync(store, fire);
        Assert.True(waiting.Unpublished);
        Assert.Null(waiting.PublishedAt);

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await store.Ledger.PublishDueAsync(Build.T0, 10, (_, _) => Task.CompletedTask, CancellationToken.None);
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        var published = await OnlyEntryAsync(store, fire);
        Assert.False(published.Unpublished);
        Assert.NotNull(published.PublishedAt);
        Assert.InRange(published.PublishedAt.Value, before, after);
        Assert.Empty(published.Deliveries);
    }

    [Fact]
    public async Task History_is_the_tasks_own_fires_latest_first_paged_before_a_fire_time()
    {
        var store = await OpenAsync(3, "g");
        var task = Build.Task("tick", data: "d", nextFireAt: Build.T0);
        var other = Build.Task("tick", data: "e", nextFireAt: Build.T0);
        await store.Tasks.AddAsync(task, CancellationToken.None);
        await store.Tasks.AddAsync(other, CancellationToken.None);
        var fires = Enumerable.Range(0, 5).Select(i => Build.Fire(task, Build.T0.AddSeconds(i))).ToArray();
        await StorageHarness.CommitAsync(
            store,
            [
                Build.Advance(task, TaskState.Active, Build.T0.AddMinutes(1), null, fires),
                Build.Advance(other, TaskState.Active, Build.T0.AddMinutes(1), null, Build.Fire(other, Build.T0.AddSeconds(2))),
            ]);

        async Task<List<string>> PageAsync(int limit, DateTimeOffset? before) =>
            [.. (await store.Reader.GetFireHistoryAsync(task.Id, limit, before, CancellationToken.None)).Select(e => e.MsgId)];

        Assert.Equal(fires.Reverse().Select(f => f.MsgId), await PageAsync(10, null));
        Assert.Equal([fires[4].MsgId, fires[3].MsgId], await PageAsync(2, null));
        Assert.Equal([fires[2].MsgId, fires[1].MsgId], await PageAsync(2, fires[3].FireTime));
        Assert.Equal([fires[0].MsgId], await PageAsync(2, fires[1].FireTime));
        Assert.Empty(await PageAsync(2, fires[0].FireTime));
        Assert.Equal([fires[1].MsgId, fires[0].MsgId], await PageAsync(10, fires[2].FireTime.AddMilliseconds(-1)));
        Assert.All(await store.Reader.GetFireHistoryAsync(task.Id, 10, null, CancellationToken.None), e => Assert.Single(e.Deliveries));
        Assert.Empty(await store.Reader.GetFireHistoryAsync(Build.NewId(), 10, null, CancellationToken.None));
    }

    [Fact]
    public async Task The_history_purge_drops_acked_outcomes_with_their_fires_and_keeps_those_of_fires_kept()
    {
        var store = await Db.OpenAsync(new QueueOptions { MaxRetries = 0, FireHistoryRetention = TimeSpan.FromDays(1) });
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        await store.Ledger.SubscribeAsync("h", TagFilter.All, null, Build.T0, CancellationToken.None);
        var done = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var halfDead = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(1));
        var recent = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddDays(2));
        var t1 = Build.T0.AddMinutes(1);
        foreach (var group in new[] { "g", "h" })
        {
            Assert.Equal(2, (await store.Ledger.LeaseAsync(group, 10, Lease, t1, CancellationToken.None)).Count);
        }

        await store.Ledger.AckAsync("g", [done.MsgId, halfDead.MsgId], t1, CancellationToken.None);
        await store.Ledger.AckAsync("h", [done.MsgId], t1, CancellationToken.None);
        await store.Ledger.NackAsync("h", halfDead.MsgId, "bad", null, t1, CancellationToken.None);
        var t2 = Build.T0.AddDays(2);
        Assert.Equal(recent.MsgId, Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, t2, CancellationToken.None)).MsgId);
        await store.Ledger.AckAsync("g", [recent.MsgId], t2, CancellationToken.None);
        Assert.Equal(4, Db.Scalar("SELECT COUNT(*) FROM delivery_outcomes"));

        await store.Ledger.PurgeExpiredAsync(t2.AddHours(1), CancellationToken.None);

        Assert.Empty(await store.Reader.GetFireHistoryAsync(done.TaskId, 10, null, CancellationToken.None));
        Assert.Equal(0, Db.Scalar($"SELECT COUNT(*) FROM delivery_outcomes WHERE msg_id = '{done.MsgId}'"));
        // A fire kept for another group's dead letter keeps its whole history.
        Assert.Equal(
            [
                new FireDelivery { Group = "g", State = FireDeliveryState.Acked, Attempts = 1, FirstDeliveredAt = t1, DoneAt = t1 },
                new FireDelivery { Group = "h", State = FireDeliveryState.Dead, Attempts = 1, FirstDeliveredAt = t1, DoneAt = t1, LastError = "bad" },
            ],
            (await OnlyEntryAsync(store, halfDead)).Deliveries);
        Assert.Equal([FireDeliveryState.Acked, FireDeliveryState.Ready], (await OnlyEntryAsync(store, recent)).Deliveries.Select(d => d.State));
        Assert.Equal(2, Db.Scalar("SELECT COUNT(*) FROM delivery_outcomes"));
    }
}
