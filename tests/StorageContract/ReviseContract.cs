using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>An operator's writes to a task: revise (pause, resume, update) under its version, and commit ("trigger now").</summary>
public abstract class ReviseContract(StorageHarness db) : StorageContract(db)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>A task fired at T0 and at T0+10s (recorded ahead of time); returns it as stored and both fires.</summary>
    private static async Task<(ScheduledTask Task, FireRecord Due, FireRecord Ahead)> FiredAheadAsync(StoragePorts store)
    {
        var task = Build.Task("tick", data: "old", nextFireAt: Build.T0) with { Type = TaskType.Interval, LoopTime = TimeSpan.FromSeconds(10) };
        await store.Tasks.AddAsync(task, CancellationToken.None);
        var due = Build.Fire(task, Build.T0);
        var ahead = Build.Fire(task, Build.T0.AddSeconds(10));
        Assert.Equal(2, (await StorageHarness.CommitAsync(store, [Build.Advance(task, TaskState.Active, Build.T0.AddSeconds(20), null, due, ahead)])).Count);
        return ((await store.Reader.GetAsync(task.Id, CancellationToken.None))!, due, ahead);
    }

    [Fact]
    public async Task Revise_replaces_every_field_bumps_the_version_and_keeps_the_fires_already_recorded()
    {
        var store = await Db.OpenSubscribedAsync();
        var (read, due, ahead) = await FiredAheadAsync(store);
        var revised = read with
        {
            Data = "new",
            Crontab = "*/5 * * * *",
            LoopTime = TimeSpan.Zero,
            LoopCount = 7,
            StartTime = Build.T0.AddMinutes(1),
            EndTime = Build.T0.AddHours(1),
            MaxRuntime = TimeSpan.FromSeconds(30),
            Ack = true,
            TimeZone = "Europe/Paris",
            State = TaskState.Paused,
            FiredCount = 11,
            NextFireAt = Build.T0.AddMinutes(5),
            FinishedAt = Build.T0.AddSeconds(1),
        };

        Assert.True(await store.Tasks.ReviseAsync(revised, CancellationToken.None));

        Assert.Equal(revised with { Version = read.Version + 1 }, await store.Reader.GetAsync(read.Id, CancellationToken.None));

        // Recorded fires go out as recorded: nothing is lost and the fire count stays exact.
        Assert.Equal(
            [due.MsgId, ahead.MsgId],
            (await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddMinutes(1), CancellationToken.None)).Select(m => m.MsgId));

        // The dedupe now sees the new data.
        Assert.Equal(new(read.Id, false), await store.Tasks.AddAsync(Build.Task("tick", data: "new"), CancellationToken.None));
        Assert.True((await store.Tasks.AddAsync(Build.Task("tick", data: "old"), CancellationToken.None)).Created);
    }

    [Fact]
    public async Task Revise_keeps_the_id_name_type_and_creation_time()
    {
        var store = await Db.OpenAsync();
        var task = Build.Task("kept", data: "d", createdAt: 42);
        await store.Tasks.AddAsync(task, CancellationToken.None);

        Assert.True(await store.Tasks.ReviseAsync(
            task with { Name = "renamed", Type = TaskType.Cron, CreatedAt = DateTimeOffset.FromUnixTimeSeconds(43), Data = "e" }, CancellationToken.None));

        Assert.Equal(task with { Data = "e", Version = task.Version + 1 }, await store.Reader.GetAsync(task.Id, CancellationToken.None));
        Assert.Empty(await TasksNamedAsync(store, "renamed"));
    }

    [Fact]
    public async Task Revise_schedules_the_task_for_the_engine()
    {
        var store = await Db.OpenAsync();
        var paused = Build.Task("p", data: "d", state: TaskState.Paused);
        await store.Tasks.AddAsync(paused, CancellationToken.None);
        Assert.Null(await store.Ledger.GetEarliestFireAsync(CancellationToken.None));

        Assert.True(await store.Tasks.ReviseAsync(paused with { State = TaskState.Active, NextFireAt = Build.T0.AddSeconds(3) }, CancellationToken.None));

        Assert.Equal(Build.T0.AddSeconds(3), await store.Ledger.GetEarliestFireAsync(CancellationToken.None));
        Assert.Equal(1, await store.Ledger.CountDueAsync(Build.T0.AddSeconds(3), 10, CancellationToken.None));
    }

    [Fact]
    public async Task Revise_of_a_moved_version_changes_nothing_and_returns_false()
    {
        var store = await Db.OpenSubscribedAsync();
        var (read, due, ahead) = await FiredAheadAsync(store);
        Assert.True(await store.Tasks.ReviseAsync(read with { Data = "first" }, CancellationToken.None));
        var stored = await store.Reader.GetAsync(read.Id, CancellationToken.None);

        Assert.False(await store.Tasks.ReviseAsync(read with { Data = "second", State = TaskState.Paused }, CancellationToken.None));
        Assert.False(await store.Tasks.ReviseAsync(stored! with { Version = stored.Version + 1, Data = "third" }, CancellationToken.None));

        Assert.Equal(stored, await store.Reader.GetAsync(read.Id, CancellationToken.None));
        Assert.Equal(read.Version + 1, stored!.Version);
        Assert.Equal("first", stored.Data);
        Assert.Equal(
            [due.MsgId, ahead.MsgId],
            (await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddMinutes(1), CancellationToken.None)).Select(m => m.MsgId));
    }

    [Fact]
    public async Task Revise_of_an_unknown_or_deleted_task_returns_false()
    {
        var store = await Db.OpenAsync();
        var task = Build.Task("gone", data: "d");
        await store.Tasks.AddAsync(task, CancellationToken.None);
        await store.Tasks.DeleteAsync([task.Id], Build.T0, CancellationToken.None);

        Assert.False(await store.Tasks.ReviseAsync(task, CancellationToken.None));
        Assert.False(await store.Tasks.ReviseAsync(Build.Task("never"), CancellationToken.None));
        Assert.Null(await store.Reader.GetAsync(task.Id, CancellationToken.None));
        Assert.Equal(0, Db.Scalar("SELECT COUNT(*) FROM tasks"));
    }

    [Fact]
    public async Task Commit_through_the_ledger_records_a_fire_now_as_trigger_now_does()
    {
        var store = await Db.OpenSubscribedAsync();
        var task = Build.Task("manual", data: "d", state: TaskState.Paused);
        await store.Tasks.AddAsync(task, CancellationToken.None);
        var ledger = store.Ledger;
        var fire = Build.Fire(task, Build.T0.AddSeconds(1));

        var recorded = await ledger.CommitAsync([new TaskAdvance(task with { FiredCount = 1 }, [fire])], CancellationToken.None);

        Assert.Equal([fire], recorded);
        var stored = await store.Reader.GetAsync(task.Id, CancellationToken.None);
        Assert.Equal((TaskState.Paused, 1L, task.Version + 1), (stored!.State, stored.FiredCount, stored.Version));
        Assert.Equal(fire.MsgId, Assert.Single(await store.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddSeconds(1), CancellationToken.None)).MsgId);
        Assert.Empty(await ledger.CommitAsync([new TaskAdvance(task, [Build.Fire(task, Build.T0.AddSeconds(2))])], CancellationToken.None));
    }
}
