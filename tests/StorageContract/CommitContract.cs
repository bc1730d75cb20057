using System.Globalization;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>The engine's commit: version-checked advances, fires recorded once, withdrawn with their task.</summary>
public abstract class CommitContract(StorageHarness db) : StorageContract(db)
{
    [Fact]
    public async Task Commit_updates_the_bookkeeping_bumps_the_version_and_records_the_fires()
    {
        var store = await Db.OpenAsync();
        var task = Build.Task("tick", data: "d", nextFireAt: Build.T0);
        await store.Tasks.AddAsync(task, CancellationToken.None);
        var fire = Build.Fire(task, Build.T0);

        var recorded = await StorageHarness.CommitAsync(store, [Build.Advance(task, TaskState.Active, Build.T0.AddMinutes(1), null, fire)]);

        Assert.Equal([fire], recorded);
        var stored = await store.Reader.GetAsync(task.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(TaskState.Active, stored.State);
        Assert.Equal(1, stored.FiredCount);
        Assert.Equal(Build.T0.AddMinutes(1), stored.NextFireAt);
        Assert.Equal(task.Version + 1, stored.Version);
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM fires"));
    }

    [Fact]
    public async Task A_version_mismatch_skips_the_advance_and_its_fires()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        var task = Build.Task("tick", data: "d", nextFireAt: Build.T0);
        await store.Tasks.AddAsync(task, CancellationToken.None);
        await StorageHarness.CommitAsync(store, [Build.Advance(task, TaskState.Active, Build.T0.AddMinutes(1), null, Build.Fire(task, Build.T0))]);

        // The engine commits again with the version it read before: stale.
        var stale = Build.Advance(task, TaskState.Finished, null, Build.T0, Build.Fire(task, Build.T0.AddMinutes(1)));
        var recorded = await StorageHarness.CommitAsync(store, [stale]);

        Assert.Empty(recorded);
        var stored = await store.Reader.GetAsync(task.Id, CancellationToken.None);
        Assert.Equal(TaskState.Active, stored!.State);
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM fires"));
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM deliveries"));
    }

    [Fact]
    public async Task A_deleted_task_has_its_fires_skipped_while_the_rest_of_the_batch_applies()
    {
        var store = await Db.OpenAsync();
        var gone = Build.Task("a", data: "1", nextFireAt: Build.T0);
        var kept = Build.Task("a", data: "2", nextFireAt: Build.T0);
        await store.Tasks.AddAsync(gone, CancellationToken.None);
        await store.Tasks.AddAsync(kept, CancellationToken.None);
        await store.Tasks.DeleteAsync([gone.Id], Build.T0, CancellationToken.None);
        var keptFire = Build.Fire(kept, Build.T0);

        var recorded = await StorageHarness.CommitAsync(
            store,
            [
                Build.Advance(gone, TaskState.Finished, null, Build.T0, Build.Fire(gone, Build.T0)),
                Build.Advance(kept, TaskState.Finished, null, Build.T0, keptFire),
            ]);

        Assert.Equal([keptFire], recorded);
    }

    [Fact]
    public async Task Deleting_a_task_withdraws_its_fires_recorded_ahead_of_time_and_keeps_those_already_due()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        var task = Build.Task("ahead", data: "d", nextFireAt: Build.T0);
        await store.Tasks.AddAsync(task, CancellationToken.None);
        var due = Build.Fire(task, Build.T0);
        var ahead = Build.Fire(task, Build.T0.AddSeconds(1));
        await StorageHarness.CommitAsync(store, [Build.Advance(task, TaskState.Active, Build.T0.AddSeconds(2), null, due, ahead)]);

        await store.Tasks.DeleteAsync([task.Id], Build.T0.AddMilliseconds(500), CancellationToken.None);

        var later = Build.T0.AddSeconds(5);
        var delivered = await store.Ledger.LeaseAsync("g", 10, TimeSpan.FromMinutes(1), later, CancellationToken.None);
        Assert.Equal([due.MsgId], delivered.Select(m => m.MsgId));
    }

    [Fact]
    public async Task A_fire_is_recorded_once_per_task_and_fire_time_and_a_duplicate_is_not_routed()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        var task = Build.Task("tick", data: "d", nextFireAt: Build.T0);
        await store.Tasks.AddAsync(task, CancellationToken.None);
        var first = Build.Fire(task, Build.T0);
        await StorageHarness.CommitAsync(store, [Build.Advance(task, TaskState.Active, Build.T0.AddMinutes(1), null, first)]);
        var read = await store.Reader.GetAsync(task.Id, CancellationToken.None);

        var again = Build.Fire(task, Build.T0); // same task and time, new msgid
        var other = Build.Fire(task, Build.T0.AddMinutes(1));
        var recorded = await StorageHarness.CommitAsync(store, [Build.Advance(read!, TaskState.Active, Build.T0.AddMinutes(2), null, again, other)]);

        Assert.Equal([other], recorded);
        Assert.Equal(2, Db.Scalar("SELECT COUNT(*) FROM fires"));
        var messages = await store.Ledger.LeaseAsync("g", 10, TimeSpan.FromMinutes(1), Build.T0.AddHours(1), CancellationToken.None);
        Assert.Equal([first.MsgId, other.MsgId], messages.Select(m => m.MsgId));
    }

    [Fact]
    public async Task A_batch_of_a_thousand_advances_commits_in_one_call()
    {
        var store = await Db.OpenAsync();
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        var tasks = Enumerable.Range(0, 1000).Select(i => Build.Task("bulk", data: i.ToString(CultureInfo.InvariantCulture), nextFireAt: Build.T0)).ToList();
        foreach (var task in tasks)
        {
            await store.Tasks.AddAsync(task, CancellationToken.None);
        }

        var batch = await store.Ledger.FireDueAsync(
            Build.T0, 1000, due => [.. due.Select(t => Build.Advance(t, TaskState.Finished, null, Build.T0, Build.Fire(t, Build.T0)))], CancellationToken.None);

        Assert.Equal(1000, batch.Due);
        Assert.Equal(1000, batch.Recorded.Count);
        Assert.Equal(1000, Db.Scalar("SELECT COUNT(*) FROM deliveries WHERE group_name = 'g' AND state = 'ready'"));
        Assert.Null(await store.Ledger.GetEarliestFireAsync(CancellationToken.None));
    }
}
