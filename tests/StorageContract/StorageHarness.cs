using Microsoft.Extensions.DependencyInjection;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>
/// What a storage backend gives the contract tests: fresh, empty storage of the test's own (disposed with the
/// harness), registered as the backend registers itself, and raw SQL counts on it. One harness per test.
/// </summary>
public abstract class StorageHarness : IDisposable
{
    private readonly List<StoragePorts> _opened = [];

    /// <summary>A new storage instance on the test's storage, initialized (with the default limits unless given).</summary>
    public async Task<StoragePorts> OpenAsync(QueueOptions? queue = null, FireRouting routing = FireRouting.BuiltInQueue, LimitOptions? limits = null)
    {
        var store = StoragePorts.Create(AddStorage, queue, limits, routing: routing);
        _opened.Add(store);
        await store.Ledger.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A new storage instance with group "g" subscribed to every tag.</summary>
    public async Task<StoragePorts> OpenSubscribedAsync(QueueOptions? queue = null)
    {
        var store = await OpenAsync(queue);
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        return store;
    }

    /// <summary>The engine's second half on its own: applies advances of tasks read earlier; returns the fires recorded.</summary>
    public static Task<IReadOnlyList<FireRecord>> CommitAsync(StoragePorts store, IReadOnlyList<TaskAdvance> advances) =>
        store.Ledger.CommitAsync(advances, CancellationToken.None);

    /// <summary>Runs a query returning one number on the test's storage, beside the stores.</summary>
    public abstract long Scalar(string sql);

    /// <summary>Adds a task and records one fire of it (the task stays active); returns the fire.</summary>
    public static async Task<FireRecord> AddAndFireAsync(StoragePorts store, string name, DateTimeOffset fireTime, TimeSpan? lease = null, string? data = null)
    {
        var task = Build.Task(name, data: data ?? Build.NewId(), nextFireAt: fireTime);
        await store.Tasks.AddAsync(task, CancellationToken.None);
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

    /// <summary>Registers the backend (as a host does) on the test's storage.</summary>
    protected abstract void AddStorage(IServiceCollection services);

    /// <summary>Removes the test's storage after its stores are closed.</summary>
    protected abstract void DisposeStorage();
}
