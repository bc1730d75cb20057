using System.Collections.Concurrent;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>Several server instances on one database: work is split, never done twice, and never stuck with a dead instance.</summary>
public sealed class SeveralInstancesTests(ClassDatabase database) : IClassFixture<ClassDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly SharedSchema _schema = new(database);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DisposeAsync().AsTask();

    [Fact]
    public async Task Two_instances_firing_together_record_every_fire_once_and_split_the_work()
    {
        const int count = 3000;
        var a = await _schema.OpenAsync("a");
        var b = await _schema.OpenAsync("b");
        await _schema.LoadDueTasksAsync("bulk", count, Build.T0);

        // Each instance's first batch waits, its rows locked, until the other holds a batch too: they run side by side.
        using var bothPlanning = new CountdownEvent(2);
        async Task<List<FireRecord>> FireAllAsync(StoragePorts storage)
        {
            var recorded = new List<FireRecord>();
            var first = true;
            while (true)
            {
                var batch = await storage.Ledger.FireDueAsync(
                    Build.T0,
                    100,
                    due =>
                    {
                        if (first)
                        {
                            first = false;
                            bothPlanning.Signal();
                            Assert.True(bothPlanning.Wait(Guard), "the other instance never got a batch while this one held its own");
                        }

                        return SharedSchema.FireOnce(due);
                    },
                    CancellationToken.None);
                if (batch.Due == 0)
                {
                    return recorded;
                }

                recorded.AddRange(batch.Recorded);
            }
        }

        var results = await Task.WhenAll(Task.Run(() => FireAllAsync(a)), Task.Run(() => FireAllAsync(b)));

        Assert.All(results, recorded => Assert.NotEmpty(recorded));
        var all = results.SelectMany(r => r.Select(f => f.TaskId)).ToList();
        Assert.Equal(count, all.Count);
        Assert.Equal(count, all.Distinct().Count());
        Assert.Equal(count, _schema.Scalar("SELECT count(DISTINCT task_id) FROM fires"));
        Assert.Equal(count, _schema.Scalar("SELECT count(*) FROM fires"));
        Assert.Equal(count, _schema.Scalar("SELECT count(*) FROM tasks WHERE state = 'finished'"));
    }

    [Fact]
    public async Task An_instance_cut_off_inside_its_transaction_leaves_its_tasks_to_another_instance()
    {
        var a = await _schema.OpenAsync("a-cut");
        var b = await _schema.OpenAsync("b-cut");
        await _schema.LoadDueTasksAsync("held", 200, Build.T0);
        using var stuck = await HeldFireDue.StartAsync(a, Build.T0);

        var whileHeld = await b.Ledger.FireDueAsync(Build.T0, 1000, SharedSchema.FireOnce, CancellationToken.None);
        Assert.Equal(1, await _schema.TerminateTransactionsOfAsync("a-cut"));
        var afterCut = await b.Ledger.FireDueAsync(Build.T0, 1000, SharedSchema.FireOnce, CancellationToken.None);
        stuck.Release();

        Assert.Equal(0, whileHeld.Due); // skipped, not waited for
        Assert.Equal(200, afterCut.Recorded.Count);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => stuck.Completion);
        Assert.Equal(200, _schema.Scalar("SELECT count(*) FROM fires"));
        Assert.Equal(0, await a.Ledger.CountDueAsync(Build.T0.AddDays(1), 1000, CancellationToken.None)); // and a works again
    }

    [Fact]
    public async Task An_instance_that_hangs_inside_its_transaction_loses_its_tasks_after_the_take_over_timeout()
    {
        var a = await _schema.OpenAsync("a-hang", options => options.TakeOverTimeout = TimeSpan.FromSeconds(1));
        var b = await _schema.OpenAsync("b-hang");
        await _schema.LoadDueTasksAsync("hung", 50, Build.T0);
        using var hung = await HeldFireDue.StartAsync(a, Build.T0);

        // A lock wait (no SKIP LOCKED) on one of the held tasks ends when the server ends a's idle transaction.
        await _schema.WaitForRowAsync("SELECT id FROM tasks WHERE name = 'hung' ORDER BY id LIMIT 1 FOR UPDATE");
        var taken = await b.Ledger.FireDueAsync(Build.T0, 1000, SharedSchema.FireOnce, CancellationToken.None);
        hung.Release();

        Assert.Equal(50, taken.Recorded.Count);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => hung.Completion);
        Assert.Equal(50, _schema.Scalar("SELECT count(*) FROM fires"));
    }

    [Fact]
    public async Task Consumers_on_two_instances_never_get_the_same_message()
    {
        var a = await _schema.OpenAsync("a-lease");
        var b = await _schema.OpenAsync("b-lease");
        await a.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        await _schema.LoadDueTasksAsync("work", 600, Build.T0);
        var fired = (await a.Ledger.FireDueAsync(Build.T0, 1000, SharedSchema.FireOnce, CancellationToken.None)).Recorded;
        var received = new ConcurrentBag<string>();

        async Task ConsumeAsync(StoragePorts storage)
        {
            while (true)
            {
                var batch = await storage.Ledger.LeaseAsync("g", 7, Lease, Build.T0.AddMinutes(1), CancellationToken.None);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    received.Add(message.MsgId);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => ConsumeAsync(i % 2 == 0 ? a : b))));

        Assert.Equal(600, fired.Count);
        Assert.Equal(fired.Select(f => f.MsgId).Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_subscription_on_one_instance_racing_with_recordings_on_another_leaves_no_fire_behind()
    {
        var recorder = await _schema.OpenAsync("recorder");
        var subscriber = await _schema.OpenAsync("subscriber");
        await _schema.LoadDueTasksAsync("t", 400, Build.T0);
        var recordedSome = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var recording = Task.Run(async () =>
        {
            var recorded = new List<string>();
            while (true)
            {
                var batch = await recorder.Ledger.FireDueAsync(Build.T0, 5, SharedSchema.FireOnce, CancellationToken.None);
                if (batch.Due == 0)
                {
                    return recorded;
                }

                recorded.AddRange(batch.Recorded.Select(f => f.MsgId));
                if (recorded.Count >= 50)
                {
                    recordedSome.TrySetResult();
                }
            }
        });
        await recordedSome.Task.WaitAsync(Guard);

        Assert.True(TagFilter.TryParse("t", out var filter, out _));
        await subscriber.Ledger.SubscribeAsync("late", filter, null, Build.T0, CancellationToken.None);
        var fired = await recording;

        var received = await subscriber.Ledger.LeaseAsync("late", 1000, Lease, Build.T0.AddMinutes(1), CancellationToken.None);
        Assert.Equal(fired.Order(StringComparer.Ordinal), received.Select(m => m.MsgId).Order(StringComparer.Ordinal));
        Assert.Equal(0, _schema.Scalar("SELECT count(*) FROM fires WHERE unrouted"));
    }

    [Fact]
    public async Task Deleting_a_task_while_another_instance_records_its_fires_ahead_withdraws_them()
    {
        var engine = await _schema.OpenAsync("engine");
        var api = await _schema.OpenAsync("api");
        await engine.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        var task = Build.Task("ahead", data: "d", nextFireAt: Build.T0.AddSeconds(10));
        await api.Tasks.AddAsync(task, CancellationToken.None);
        using var firing = await HeldFireDue.StartAsync(
            engine,
            Build.T0.AddSeconds(10),
            due => [Build.Advance(due[0], TaskState.Active, Build.T0.AddSeconds(20), null, Build.Fire(due[0], Build.T0.AddSeconds(10)))]);

        var deleting = api.Tasks.DeleteAsync([task.Id], Build.T0, CancellationToken.None);
        await _schema.WaitUntilBlockedAsync("api");
        firing.Release();

        Assert.Single((await firing.Completion).Recorded);
        Assert.Equal([task.Id], await deleting);
        Assert.Equal(0, _schema.Scalar("SELECT count(*) FROM fires"));
        Assert.Empty(await api.Ledger.LeaseAsync("g", 10, Lease, Build.T0.AddMinutes(1), CancellationToken.None));
    }
}
