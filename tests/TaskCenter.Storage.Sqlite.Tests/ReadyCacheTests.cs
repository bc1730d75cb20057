using System.Collections.Concurrent;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Storage.Sqlite.Tests;

/// <summary>Fresh fires handed out from memory: written as leased behind the hand-over, never handed out twice.</summary>
public sealed class ReadyCacheTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private Task<StoragePorts> OpenSubscribedAsync(int? readyCacheSize = null)
    {
        _db.ReadyCacheSize = readyCacheSize;
        return _db.OpenSubscribedAsync();
    }

    /// <summary>Records <paramref name="count"/> fires due at <paramref name="at"/>, in commits of <paramref name="commitSize"/>.</summary>
    private static async Task<List<FireRecord>> FireManyAsync(StoragePorts store, int count, DateTimeOffset at, int commitSize = 500)
    {
        var fires = new List<FireRecord>();
        var advances = new List<TaskAdvance>();
        for (var i = 0; i < count; i++)
        {
            var task = Build.Task("bulk", data: Build.NewId(), nextFireAt: at);
            await store.Tasks.AddAsync(task, CancellationToken.None);
            var fire = Build.Fire(task, at);
            fires.Add(fire);
            advances.Add(Build.Advance(task, TaskState.Finished, null, at, fire));
            if (advances.Count == commitSize || i == count - 1)
            {
                Assert.Equal(advances.Count, (await store.Ledger.CommitAsync(advances, CancellationToken.None)).Count);
                advances.Clear();
            }
        }

        return fires;
    }

    [Fact]
    public async Task A_fire_handed_out_from_memory_is_written_as_leased_before_anything_later()
    {
        var store = await OpenSubscribedAsync();
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);

        var message = Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0, CancellationToken.None));

        Assert.Equal(fire.MsgId, message.MsgId);
        Assert.Equal(1, message.Attempt);
        Assert.Equal(message.LeaseUntil, await store.Ledger.GetNextReadyAsync("g", CancellationToken.None));
        Assert.Equal(1, _db.Scalar($"SELECT attempt FROM deliveries WHERE msg_id = '{fire.MsgId}' AND state = 'leased'"));
        Assert.Empty(await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddSeconds(1), CancellationToken.None));
        Assert.Equal(2, Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, message.LeaseUntil, CancellationToken.None)).Attempt);
    }

    [Fact]
    public async Task A_nack_right_after_a_hand_over_finds_the_lease()
    {
        var store = await OpenSubscribedAsync();
        await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
        var message = Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0, CancellationToken.None));

        var outcome = await store.Ledger.NackAsync("g", message.MsgId, "boom", null, Build.T0, CancellationToken.None);

        Assert.Equal(NackResult.Retrying, outcome.Result);
        Assert.Equal(Build.T0.AddSeconds(10), outcome.RetryAt);
    }

    [Fact]
    public async Task Fires_beyond_the_cache_are_read_from_the_file_in_the_same_lease()
    {
        var store = await OpenSubscribedAsync(readyCacheSize: 2);
        var fires = await FireManyAsync(store, 5, Build.T0);

        var batch = await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0, CancellationToken.None);

        Assert.Equal(fires.Select(f => f.MsgId).Order(StringComparer.Ordinal), batch.Select(m => m.MsgId).Order(StringComparer.Ordinal));
        Assert.Empty(await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0, CancellationToken.None));
    }

    [Fact]
    public async Task A_fire_recorded_ahead_and_withdrawn_by_a_delete_is_not_handed_out()
    {
        var store = await OpenSubscribedAsync();
        var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0.AddSeconds(10));

        Assert.Equal([fire.TaskId], await store.Tasks.DeleteAsync([fire.TaskId], Build.T0, CancellationToken.None));

        Assert.Empty(await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddSeconds(10), CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_consumers_get_every_fire_exactly_once_while_fires_keep_being_recorded()
    {
        const int count = 3000;
        var store = await OpenSubscribedAsync(readyCacheSize: 200); // part of each commit comes from the file
        var now = Build.T0.AddSeconds(1);
        var received = new ConcurrentBag<string>();
        var recording = Task.Run(() => FireManyAsync(store, count, Build.T0, commitSize: 100));

        async Task<int> LeaseIntoReceivedAsync()
        {
            var batch = await store.Ledger.LeaseAsync("g", 37, Lease, now, CancellationToken.None);
            foreach (var message in batch)
            {
                received.Add(message.MsgId);
            }

            return batch.Count;
        }

        // Each consumer leases until the recording has ended and a lease after that finds nothing left,
        // so a fire lost by the cache shows as a missing id however slow the machine is.
        async Task ConsumeAsync()
        {
            while (true)
            {
                var recordingEnded = recording.IsCompleted;
                if (await LeaseIntoReceivedAsync() > 0)
                {
                    continue;
                }

                await store.Ledger.GetNextReadyAsync("g", CancellationToken.None); // lets hand-overs in flight land
                if (recordingEnded && await LeaseIntoReceivedAsync() == 0)
                {
                    return;
                }

                await Task.Yield();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(ConsumeAsync)));
        var fires = await recording;

        Assert.Equal(fires.Select(f => f.MsgId).Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        await store.Ledger.GetNextReadyAsync("g", CancellationToken.None); // the last leases land
        Assert.Equal(count, _db.Scalar("SELECT count(*) FROM deliveries WHERE state = 'leased' AND attempt = 1"));
    }
}
