using System.Collections.Concurrent;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Storage;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>The outbox shared by several instances: each fire is taken by one publisher at a time, and a dead one's fires are taken over.</summary>
public sealed class OutboxInstancesTests(ClassDatabase database) : IClassFixture<ClassDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly SharedSchema _schema = new(database);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DisposeAsync().AsTask();

    [Fact]
    public async Task Two_instances_publishing_together_publish_every_fire_once_each_batch_in_fire_time_order()
    {
        var (a, b) = await OpenTwoWithFiresAsync("a", "b", 300);
        var published = new ConcurrentBag<FireRecord>();
        using var bothPublishing = new CountdownEvent(2);

        async Task<int> PublishAllAsync(StoragePorts storage)
        {
            var first = true;
            var total = 0;
            while (true)
            {
                var taken = await storage.Ledger.PublishDueAsync(
                    Build.T0,
                    10,
                    (fires, _) =>
                    {
                        Assert.Equal(fires.OrderBy(f => f.FireTime).ThenBy(f => f.MsgId, StringComparer.Ordinal), fires);
                        if (first)
                        {
                            first = false;
                            bothPublishing.Signal();
                            Assert.True(bothPublishing.Wait(Guard, CancellationToken.None), "the other instance never got fires while this one held its own");
                        }

                        foreach (var fire in fires)
                        {
                            published.Add(fire);
                        }

                        return Task.CompletedTask;
                    },
                    CancellationToken.None);
                if (taken == 0)
                {
                    return total;
                }

                total += taken;
            }
        }

        var totals = await Task.WhenAll(Task.Run(() => PublishAllAsync(a)), Task.Run(() => PublishAllAsync(b)));

        Assert.All(totals, total => Assert.True(total > 0));
        Assert.Equal(300, published.Count);
        Assert.Equal(300, published.Select(f => f.MsgId).Distinct().Count());
        Assert.Equal(0, await a.Ledger.CountUnpublishedAsync(1000, CancellationToken.None));
    }

    [Fact]
    public async Task Fires_of_an_instance_cut_off_while_publishing_are_published_again_by_another()
    {
        var (a, b) = await OpenTwoWithFiresAsync("a-cut", "b-cut", 5);
        var holding = new TaskCompletionSource<IReadOnlyList<FireRecord>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = a.Ledger.PublishDueAsync(
            Build.T0,
            10,
            async (fires, cancellationToken) =>
            {
                holding.SetResult(fires);
                await release.Task.WaitAsync(Guard, cancellationToken);
            },
            CancellationToken.None);
        var held = await holding.Task.WaitAsync(Guard);

        Assert.Equal(1, await _schema.TerminateTransactionsOfAsync("a-cut"));
        var republished = new List<FireRecord>();
        await b.Ledger.PublishDueAsync(
            Build.T0,
            10,
            (fires, _) =>
            {
                republished.AddRange(fires);
                return Task.CompletedTask;
            },
            CancellationToken.None);
        release.SetResult();

        Assert.Equal(held, republished); // at least once: the same fires, the same msgids
        await Assert.ThrowsAsync<StorageUnavailableException>(() => stuck);
        Assert.Null(await a.Ledger.GetNextUnpublishedAsync(CancellationToken.None));
    }

    /// <summary>Two instances recording into the outbox, and <paramref name="fires"/> fires due at T0 in it.</summary>
    private async Task<(StoragePorts A, StoragePorts B)> OpenTwoWithFiresAsync(string a, string b, int fires)
    {
        var first = await _schema.OpenAsync(a, routing: FireRouting.Outbox);
        var second = await _schema.OpenAsync(b, routing: FireRouting.Outbox);
        await _schema.LoadDueTasksAsync("out", fires, Build.T0);
        Assert.Equal(fires, (await first.Ledger.FireDueAsync(Build.T0, fires, SharedSchema.FireOnce, CancellationToken.None)).Recorded.Count);
        return (first, second);
    }
}
