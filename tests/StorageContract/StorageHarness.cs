using TaskCenter.Core.Delivery;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>
/// What a storage backend gives the contract tests: fresh, empty storage of the test's own (disposed with the
/// harness), raw SQL counts on it, and the engine's commit half. One harness per test.
/// </summary>
public abstract class StorageHarness<TStore> : IDisposable
    where TStore : class, ITaskStore, ITaskReader, IQueueStore, IFireOutbox, IDisposable
{
    private readonly List<TStore> _opened = [];

    /// <summary>A new store instance on the test's storage, initialized (with the default limits unless given).</summary>
    public async Task<TStore> OpenAsync(QueueOptions? queue = null, FireRouting routing = FireRouting.BuiltInQueue, LimitOptions? limits = null)
    {
        var store = Create(queue ?? Build.DefaultQueue(), routing, limits ?? new LimitOptions());
        _opened.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A new store with group "g" subscribed to every tag.</summary>
    public async Task<TStore> OpenSubscribedAsync(QueueOptions? queue = null)
    {
        var store = await OpenAsync(queue);
        await store.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        return store;
    }

    /// <summary>The engine's second half on its own: applies advances of tasks read earlier; returns the fires recorded.</summary>
    public abstract Task<IReadOnlyList<FireRecord>> CommitAsync(TStore store, IReadOnlyList<TaskAdvance> advances);

    /// <summary>Runs a query returning one number on the test's storage, beside the stores.</summary>
    public abstract long Scalar(string sql);

    /// <summary>Adds a task and records one fire of it (the task stays active); returns the fire.</summary>
    public async Task<FireRecord> AddAndFireAsync(TStore store, string name, DateTimeOffset fireTime, TimeSpan? lease = null, string? data = null)
    {
        var task = Build.Task(name, data: data ?? Build.NewId(), nextFireAt: fireTime);
        await store.AddAsync(task, CancellationToken.None);
        var fire = Build.Fire(task, fireTime, lease: lease);
        var recorded = await CommitAsync(store, [Build.Advance(task, TaskState.Active, fireTime.AddMinutes(1), null, fire)]);
        Assert.Single(recorded);
        return fire;
    }

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        DisposeStorage();
        GC.SuppressFinalize(this);
    }

    /// <summary>A store instance (not initialized) on the test's storage.</summary>
    protected abstract TStore Create(QueueOptions queue, FireRouting routing, LimitOptions limits);

    /// <summary>Removes the test's storage after its stores are closed.</summary>
    protected abstract void DisposeStorage();
}
