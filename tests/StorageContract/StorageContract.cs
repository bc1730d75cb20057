using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>
/// The base of each part of the storage contract: the behaviour every storage backend shares, proven on each backend by
/// a test class that hands over its <see cref="StorageHarness{TStore}"/>. The harness goes with the test.
/// </summary>
public abstract class StorageContract<TStore>(StorageHarness<TStore> db) : IDisposable
    where TStore : class, ITaskStore, ITaskReader, IQueueStore, IFireOutbox, IDisposable
{
    protected StorageHarness<TStore> Db { get; } = db;

    /// <summary>The tasks with this name, newest first (one page, larger than any test needs).</summary>
    protected static async Task<IReadOnlyList<ScheduledTask>> TasksNamedAsync(TStore store, string name) =>
        (await store.ListAsync(new TaskQuery { Name = name, Descending = true, Limit = 1000 }, CancellationToken.None)).Tasks;

    public void Dispose()
    {
        Db.Dispose();
        GC.SuppressFinalize(this);
    }
}
