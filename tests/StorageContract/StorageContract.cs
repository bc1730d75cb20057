using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>
/// The base of each part of the storage contract: the behaviour every storage backend shares, proven on each backend by
/// a test class that hands over its <see cref="StorageHarness"/>. The harness goes with the test.
/// </summary>
public abstract class StorageContract(StorageHarness db) : IDisposable
{
    protected StorageHarness Db { get; } = db;

    /// <summary>The tasks with this name, newest first (one page, larger than any test needs).</summary>
    protected static async Task<IReadOnlyList<ScheduledTask>> TasksNamedAsync(StoragePorts store, string name) =>
        (await store.Reader.ListAsync(new TaskQuery { Name = name, Descending = true, Limit = 1000 }, CancellationToken.None)).Tasks;

    public void Dispose()
    {
        Db.Dispose();
        GC.SuppressFinalize(this);
    }
}
