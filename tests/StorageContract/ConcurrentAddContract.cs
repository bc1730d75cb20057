using System.Globalization;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>
/// Many callers adding at once, as an HTTP server's requests do (each backend commits concurrent adds together): every
/// add is answered as if it had been made alone, in some order.
/// </summary>
public abstract class ConcurrentAddContract(StorageHarness db) : StorageContract(db)
{
    private const int Callers = 200;

    [Fact]
    public async Task Concurrent_adds_are_each_stored_once_and_equal_ones_are_answered_with_one_id()
    {
        var store = await Db.OpenAsync();
        const int distinct = 50;
        var tasks = Enumerable.Range(0, Callers)
            .Select(i => Build.Task("job", data: (i % distinct).ToString(CultureInfo.InvariantCulture)))
            .ToList();

        var results = await Task.WhenAll(tasks.Select(task => Task.Run(() => store.Tasks.AddAsync(task, CancellationToken.None))));

        foreach (var equal in Enumerable.Range(0, Callers).GroupBy(i => tasks[i].Data))
        {
            var answers = equal.Select(i => results[i]).ToList();
            var created = Assert.Single(answers, answer => answer.Created);
            Assert.All(answers, answer => Assert.Equal(created.Id, answer.Id));
            var stored = Assert.Single(equal, i => tasks[i].Id == created.Id);
            Assert.Equal(tasks[stored], await store.Reader.GetAsync(created.Id, CancellationToken.None));
        }

        Assert.Equal(distinct, Db.Scalar("SELECT COUNT(*) FROM tasks"));
    }

    [Fact]
    public async Task A_failing_add_among_concurrent_adds_fails_alone()
    {
        var store = await Db.OpenAsync();
        var existing = Build.Task("first", data: "taken");
        await store.Tasks.AddAsync(existing, CancellationToken.None);

        // Every tenth add cannot be stored (its id is taken; not a dedupe: other name and data), every 25th is a batch.
        var adds = Enumerable.Range(0, Callers).Select(i => i % 10 == 3
            ? new[] { Build.Task("clash", data: i.ToString(CultureInfo.InvariantCulture), id: existing.Id) }
            : i % 25 == 0
                ? [Build.Task("bulk", data: i + "a"), Build.Task("bulk", data: i + "b")]
                : [Build.Task("job", data: i.ToString(CultureInfo.InvariantCulture))]).ToList();

        var outcomes = await Task.WhenAll(adds.Select(tasks => Task.Run(async () =>
        {
            try
            {
                return (Added: (IReadOnlyList<AddTaskResult>?)await store.Tasks.AddManyAsync(tasks, CancellationToken.None), Failure: (Exception?)null);
            }
            catch (Exception exception) when (exception is not StorageUnavailableException)
            {
                return (Added: null, Failure: exception);
            }
        })));

        for (var i = 0; i < Callers; i++)
        {
            if (i % 10 == 3)
            {
                Assert.NotNull(outcomes[i].Failure);
                continue;
            }

            Assert.Null(outcomes[i].Failure);
            Assert.Equal(adds[i].Select(task => new AddTaskResult(task.Id, Created: true)), outcomes[i].Added);
            foreach (var task in adds[i])
            {
                Assert.Equal(task, await store.Reader.GetAsync(task.Id, CancellationToken.None));
            }
        }

        Assert.Equal(existing, await store.Reader.GetAsync(existing.Id, CancellationToken.None));
        Assert.Equal(1 + adds.Where((_, i) => i % 10 != 3).Sum(tasks => tasks.Length), Db.Scalar("SELECT COUNT(*) FROM tasks"));
    }
}
