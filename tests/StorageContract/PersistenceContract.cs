using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>Everything lives in the database: a new store instance carries on where the last one stopped.</summary>
public abstract class PersistenceContract(StorageHarness db) : StorageContract(db)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Data_survives_reopening_the_file_with_a_new_store()
    {
        var task = Build.Task("kept", data: "payload", nextFireAt: Build.T0.AddMinutes(5));
        string leasedMsgId;
        using (var first = await Db.OpenAsync())
        {
            await first.Tasks.AddAsync(task, CancellationToken.None);
            Assert.True(TagFilter.TryParse("a || b", out var filter, out _));
            await first.Ledger.SubscribeAsync("g", filter, null, Build.T0, CancellationToken.None);
            leasedMsgId = (await StorageHarness.AddAndFireAsync(first, "a", Build.T0)).MsgId;
            await first.Ledger.LeaseAsync("g", 1, Lease, Build.T0, CancellationToken.None);
        }

        var second = await Db.OpenAsync();

        Assert.Equal(task, await second.Reader.GetAsync(task.Id, CancellationToken.None));
        Assert.Equal(Build.T0.AddMinutes(1), await second.Ledger.GetEarliestFireAsync(CancellationToken.None)); // task "a", fired at T0
        Assert.Equal(new(task.Id, false), await second.Tasks.AddAsync(Build.Task("kept", data: "payload"), CancellationToken.None));

        // The lease is still held, and the subscription still routes new fires.
        Assert.Empty(await second.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddSeconds(59), CancellationToken.None));
        var b = await StorageHarness.AddAndFireAsync(second, "b", Build.T0.AddSeconds(30));
        var messages = await second.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddMinutes(1), CancellationToken.None);
        Assert.Equal([b.MsgId, leasedMsgId], messages.Select(m => m.MsgId));
        Assert.Equal(2, messages.Single(m => m.MsgId == leasedMsgId).Attempt);
        Assert.Equal(TaskState.Pending, (await second.Reader.GetAsync(task.Id, CancellationToken.None))!.State);
    }
}
