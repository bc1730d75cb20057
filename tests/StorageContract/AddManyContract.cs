using System.Globalization;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>Adding many tasks in one transaction: each deduped as a single add is, and all or nothing.</summary>
public abstract class AddManyContract(StorageHarness db) : StorageContract(db)
{
    [Fact]
    public async Task AddMany_stores_every_task_and_reports_each_in_the_order_given()
    {
        var store = await Db.OpenAsync();
        var tasks = Enumerable.Range(0, 50)
            .Select(i => Build.Task("bulk" + (i % 3).ToString(CultureInfo.InvariantCulture), data: i.ToString(CultureInfo.InvariantCulture), nextFireAt: Build.T0.AddSeconds(i)))
            .ToList();

        var results = await store.Tasks.AddManyAsync(tasks, CancellationToken.None);

        Assert.Equal(tasks.Select(t => new AddTaskResult(t.Id, true)), results);
        foreach (var task in tasks)
        {
            Assert.Equal(task, await store.Reader.GetAsync(task.Id, CancellationToken.None));
        }

        Assert.Equal(Build.T0, await store.Ledger.GetEarliestFireAsync(CancellationToken.None));
        Assert.Empty(await store.Tasks.AddManyAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task AddMany_dedupes_against_stored_tasks_and_earlier_tasks_of_the_batch()
    {
        var store = await Db.OpenAsync();
        var stored = Build.Task("job", data: "x");
        await store.Tasks.AddAsync(stored, CancellationToken.None);
        var finished = Build.Task("job", data: "done", state: TaskState.Finished);
        await store.Tasks.AddAsync(finished, CancellationToken.None);

        var sameAsStored = Build.Task("job", data: "x");
        var fresh = Build.Task("job", data: "y");
        var sameAsFresh = Build.Task("job", data: "y");
        var sameAsFinished = Build.Task("job", data: "done");
        var otherName = Build.Task("other", data: "x");
        var results = await store.Tasks.AddManyAsync([sameAsStored, fresh, sameAsFresh, sameAsFinished, otherName], CancellationToken.None);

        Assert.Equal(
            [new(stored.Id, false), new(fresh.Id, true), new(fresh.Id, false), new(sameAsFinished.Id, true), new(otherName.Id, true)],
            results);
        Assert.Null(await store.Reader.GetAsync(sameAsStored.Id, CancellationToken.None));
        Assert.Null(await store.Reader.GetAsync(sameAsFresh.Id, CancellationToken.None));
        Assert.Equal(4, (await TasksNamedAsync(store, "job")).Count);
        Assert.Equal(new(fresh.Id, false), await store.Tasks.AddAsync(Build.Task("job", data: "y"), CancellationToken.None));
    }

    [Fact]
    public async Task AddMany_stores_nothing_when_one_task_cannot_be_stored()
    {
        var store = await Db.OpenAsync();
        var existing = Build.Task("first", data: "1");
        await store.Tasks.AddAsync(existing, CancellationToken.None);
        var before = Build.Task("a", data: "2", nextFireAt: Build.T0);
        var clash = Build.Task("b", data: "3", id: existing.Id); // not a dedupe (other name and data): the id is taken
        var after = Build.Task("c", data: "4");

        await Assert.ThrowsAnyAsync<Exception>(() => store.Tasks.AddManyAsync([before, clash, after], CancellationToken.None));

        Assert.Null(await store.Reader.GetAsync(before.Id, CancellationToken.None));
        Assert.Null(await store.Reader.GetAsync(after.Id, CancellationToken.None));
        Assert.Equal(existing, await store.Reader.GetAsync(existing.Id, CancellationToken.None));
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM tasks"));
        Assert.Null(await store.Ledger.GetEarliestFireAsync(CancellationToken.None));

        // The store carries on.
        Assert.True((await store.Tasks.AddAsync(before, CancellationToken.None)).Created);
    }
}
