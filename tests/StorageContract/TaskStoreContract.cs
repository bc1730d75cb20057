using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>Adding, reading, deleting and purging tasks, and which tasks the engine takes as due.</summary>
public abstract class TaskStoreContract(StorageHarness db) : StorageContract(db)
{
    [Fact]
    public async Task Add_then_get_round_trips_every_field()
    {
        var store = await Db.OpenAsync();
        var task = new ScheduledTask
        {
            Id = Build.NewId(),
            Name = "nightly:report",
            Type = TaskType.Cron,
            Data = "{\"id\":1,\"text\":\"héllo\"}",
            Crontab = "0 9 * * 1-5",
            LoopTime = TimeSpan.Zero,
            LoopCount = 7,
            StartTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            EndTime = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
            MaxRuntime = TimeSpan.FromSeconds(90),
            Ack = true,
            TimeZone = "Europe/Berlin",
            State = TaskState.Active,
            FiredCount = 3,
            NextFireAt = Build.T0.AddMilliseconds(1234),
            CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1_699_999_999),
            Version = 5,
            FinishedAt = null,
        };

        var result = await store.Tasks.AddAsync(task, CancellationToken.None);

        Assert.Equal(new(task.Id, true), result);
        Assert.Equal(task, await store.Reader.GetAsync(task.Id, CancellationToken.None));
        Assert.Null(await store.Reader.GetAsync(Build.NewId(), CancellationToken.None));
    }

    [Fact]
    public async Task The_tasks_of_a_name_newest_first_have_ties_broken_by_id_descending()
    {
        var store = await Db.OpenAsync();
        var old = Build.Task("a", data: "1", id: "000000000000000000000001", createdAt: 100);
        var tieLow = Build.Task("a", data: "2", id: "000000000000000000000002", createdAt: 200);
        var tieHigh = Build.Task("a", data: "3", id: "000000000000000000000003", createdAt: 200);
        var other = Build.Task("b", data: "4", createdAt: 300);
        foreach (var task in new[] { tieLow, old, other, tieHigh })
        {
            await store.Tasks.AddAsync(task, CancellationToken.None);
        }

        var listed = await TasksNamedAsync(store, "a");

        Assert.Equal([tieHigh.Id, tieLow.Id, old.Id], listed.Select(t => t.Id));
        Assert.Empty(await TasksNamedAsync(store, "nobody"));
    }

    [Fact]
    public async Task Add_dedupes_against_live_tasks_with_the_same_name_and_data()
    {
        var store = await Db.OpenAsync();
        var first = Build.Task("job", data: "payload");
        await store.Tasks.AddAsync(first, CancellationToken.None);

        var same = await store.Tasks.AddAsync(Build.Task("job", data: "payload"), CancellationToken.None);
        var otherData = await store.Tasks.AddAsync(Build.Task("job", data: "payload2"), CancellationToken.None);
        var otherName = await store.Tasks.AddAsync(Build.Task("job2", data: "payload"), CancellationToken.None);

        Assert.Equal(new(first.Id, false), same);
        Assert.True(otherData.Created);
        Assert.True(otherName.Created);
        Assert.Equal(2, (await TasksNamedAsync(store, "job")).Count);
    }

    [Fact]
    public async Task A_paused_task_still_counts_for_the_dedupe()
    {
        var store = await Db.OpenAsync();
        var paused = Build.Task("job", data: "x", state: TaskState.Paused);
        await store.Tasks.AddAsync(paused, CancellationToken.None);

        Assert.Equal(new(paused.Id, false), await store.Tasks.AddAsync(Build.Task("job", data: "x"), CancellationToken.None));
    }

    [Fact]
    public async Task A_finished_or_deleted_task_does_not_count_for_the_dedupe()
    {
        var store = await Db.OpenAsync();
        var finished = Build.Task("job", data: "x", nextFireAt: Build.T0);
        await store.Tasks.AddAsync(finished, CancellationToken.None);
        await StorageHarness.CommitAsync(store, [Build.Advance(finished, TaskState.Finished, null, Build.T0, Build.Fire(finished, Build.T0))]);

        var second = await store.Tasks.AddAsync(Build.Task("job", data: "x"), CancellationToken.None);
        Assert.True(second.Created);

        await store.Tasks.DeleteAsync([second.Id], Build.T0, CancellationToken.None);
        var third = await store.Tasks.AddAsync(Build.Task("job", data: "x"), CancellationToken.None);
        Assert.True(third.Created);
        Assert.NotEqual(second.Id, third.Id);
    }

    [Fact]
    public async Task Concurrent_adds_of_the_same_name_and_data_store_one_task()
    {
        var store = await Db.OpenAsync();
        var candidates = Enumerable.Range(0, 64).Select(_ => Build.Task("race", data: "same")).ToList();

        var results = await Task.WhenAll(candidates.Select(t => Task.Run(() => store.Tasks.AddAsync(t, CancellationToken.None))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(await TasksNamedAsync(store, "race"));
    }

    [Fact]
    public async Task Delete_returns_only_the_ids_really_deleted_in_the_order_given()
    {
        var store = await Db.OpenAsync();
        var a = Build.Task(data: "a");
        var b = Build.Task(data: "b");
        await store.Tasks.AddAsync(a, CancellationToken.None);
        await store.Tasks.AddAsync(b, CancellationToken.None);

        var deleted = await store.Tasks.DeleteAsync([b.Id, Build.NewId(), a.Id, b.Id], Build.T0, CancellationToken.None);

        Assert.Equal([b.Id, a.Id], deleted);
        Assert.Null(await store.Reader.GetAsync(a.Id, CancellationToken.None));
        Assert.Empty(await store.Tasks.DeleteAsync([a.Id], Build.T0, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteByName_deletes_every_task_of_the_name_and_only_those()
    {
        var store = await Db.OpenAsync();
        var older = Build.Task("x", data: "1", createdAt: 1);
        var newer = Build.Task("x", data: "2", createdAt: 2);
        var keep = Build.Task("y", data: "1");
        foreach (var task in new[] { older, newer, keep })
        {
            await store.Tasks.AddAsync(task, CancellationToken.None);
        }

        Assert.Equal([newer.Id, older.Id], await store.Tasks.DeleteByNameAsync("x", Build.T0, CancellationToken.None));
        Assert.Empty(await TasksNamedAsync(store, "x"));
        Assert.NotNull(await store.Reader.GetAsync(keep.Id, CancellationToken.None));
        Assert.Empty(await store.Tasks.DeleteByNameAsync("x", Build.T0, CancellationToken.None));
    }

    [Fact]
    public async Task FireDue_takes_pending_and_active_tasks_due_by_the_time_earliest_first_up_to_the_limit()
    {
        var store = await Db.OpenAsync();
        var t = Build.T0;
        var third = Build.Task(data: "3", nextFireAt: t.AddSeconds(3));
        var first = Build.Task(data: "1", nextFireAt: t.AddSeconds(1));
        var second = Build.Task(data: "2", nextFireAt: t.AddSeconds(2), state: TaskState.Active);
        var paused = Build.Task(data: "p", nextFireAt: t, state: TaskState.Paused);
        var finished = Build.Task(data: "f", nextFireAt: t, state: TaskState.Finished);
        var unscheduled = Build.Task(data: "n", nextFireAt: null);
        var later = Build.Task(data: "l", nextFireAt: t.AddSeconds(60));
        foreach (var task in new[] { third, first, second, paused, finished, unscheduled, later })
        {
            await store.Tasks.AddAsync(task, CancellationToken.None);
        }

        Assert.Equal([first.Id, second.Id, third.Id], (await DueAsync(store, t.AddSeconds(10), 10)).Select(x => x.Id));
        Assert.Equal([first.Id, second.Id], (await DueAsync(store, t.AddSeconds(10), 2)).Select(x => x.Id));
        Assert.Equal([first.Id], (await DueAsync(store, t.AddSeconds(1), 10)).Select(x => x.Id));
        Assert.Empty(await DueAsync(store, t, 10));
    }

    [Fact]
    public async Task CountDue_counts_the_tasks_due_by_the_time_up_to_the_cap()
    {
        var store = await Db.OpenAsync();
        var t = Build.T0;
        foreach (var (data, next) in new[] { ("1", t.AddSeconds(1)), ("2", t.AddSeconds(2)), ("3", t.AddSeconds(3)), ("l", t.AddSeconds(60)) })
        {
            await store.Tasks.AddAsync(Build.Task(data: data, nextFireAt: next), CancellationToken.None);
        }

        await store.Tasks.AddAsync(Build.Task(data: "n", nextFireAt: null), CancellationToken.None);

        Assert.Equal(3, await store.Ledger.CountDueAsync(t.AddSeconds(10), 100, CancellationToken.None));
        Assert.Equal(2, await store.Ledger.CountDueAsync(t.AddSeconds(10), 2, CancellationToken.None));
        Assert.Equal(0, await store.Ledger.CountDueAsync(t, 100, CancellationToken.None));
        Assert.Equal(0, await store.Ledger.CountDueAsync(t.AddSeconds(10), 0, CancellationToken.None));
    }

    [Fact]
    public async Task FireDue_commits_what_the_plan_returns_and_reports_the_fires_recorded()
    {
        var store = await Db.OpenAsync();
        var tasks = Enumerable.Range(0, 5).Select(i => Build.Task("tick", data: $"{i}", nextFireAt: Build.T0)).ToList();
        foreach (var task in tasks)
        {
            await store.Tasks.AddAsync(task, CancellationToken.None);
        }

        var batch = await store.Ledger.FireDueAsync(
            Build.T0, 3, due => [.. due.Select(t => Build.Advance(t, TaskState.Finished, null, Build.T0, Build.Fire(t, Build.T0)))], CancellationToken.None);

        Assert.Equal(3, batch.Due);
        Assert.Equal(3, batch.Recorded.Count);
        Assert.Equal(2, (await DueAsync(store, Build.T0, 10)).Count);
        foreach (var fire in batch.Recorded)
        {
            Assert.Equal(TaskState.Finished, (await store.Reader.GetAsync(fire.TaskId, CancellationToken.None))!.State);
        }
    }

    [Fact]
    public async Task GetEarliestFire_is_the_minimum_over_pending_and_active_tasks()
    {
        var store = await Db.OpenAsync();
        Assert.Null(await store.Ledger.GetEarliestFireAsync(CancellationToken.None));

        await store.Tasks.AddAsync(Build.Task(data: "p", state: TaskState.Paused, nextFireAt: Build.T0), CancellationToken.None);
        await store.Tasks.AddAsync(Build.Task(data: "n", nextFireAt: null), CancellationToken.None);
        Assert.Null(await store.Ledger.GetEarliestFireAsync(CancellationToken.None));

        await store.Tasks.AddAsync(Build.Task(data: "b", nextFireAt: Build.T0.AddMilliseconds(2500)), CancellationToken.None);
        await store.Tasks.AddAsync(Build.Task(data: "a", state: TaskState.Active, nextFireAt: Build.T0.AddMilliseconds(1500)), CancellationToken.None);

        Assert.Equal(Build.T0.AddMilliseconds(1500), await store.Ledger.GetEarliestFireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PurgeFinished_deletes_tasks_finished_before_the_time()
    {
        var store = await Db.OpenAsync();
        var early = Build.Task(data: "early", nextFireAt: Build.T0);
        var late = Build.Task(data: "late", nextFireAt: Build.T0);
        var live = Build.Task(data: "live", nextFireAt: Build.T0);
        foreach (var task in new[] { early, late, live })
        {
            await store.Tasks.AddAsync(task, CancellationToken.None);
        }

        await StorageHarness.CommitAsync(
            store,
            [
                Build.Advance(early, TaskState.Finished, null, Build.T0.AddHours(1)),
                Build.Advance(late, TaskState.Finished, null, Build.T0.AddHours(3)),
            ]);

        Assert.Equal(1, await store.Tasks.PurgeFinishedAsync(Build.T0.AddHours(2), CancellationToken.None));
        Assert.Null(await store.Reader.GetAsync(early.Id, CancellationToken.None));
        Assert.NotNull(await store.Reader.GetAsync(late.Id, CancellationToken.None));
        Assert.NotNull(await store.Reader.GetAsync(live.Id, CancellationToken.None));
    }

    /// <summary>The tasks FireDueAsync takes (and hands to the plan), committing nothing.</summary>
    private static async Task<IReadOnlyList<ScheduledTask>> DueAsync(StoragePorts store, DateTimeOffset dueBy, int limit)
    {
        IReadOnlyList<ScheduledTask> taken = [];
        var batch = await store.Ledger.FireDueAsync(
            dueBy,
            limit,
            due =>
            {
                taken = due;
                return [];
            },
            CancellationToken.None);
        Assert.Equal(taken.Count, batch.Due);
        return taken;
    }
}
