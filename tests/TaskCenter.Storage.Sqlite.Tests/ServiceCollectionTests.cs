using Microsoft.Extensions.DependencyInjection;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.Storage.Sqlite.Tests;

public sealed class ServiceCollectionTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task AddTaskCenterSqlite_registers_one_storage_for_all_three_ports()
    {
        var path = Path.Combine(_db.Folder, "di", "tc.db");
        var services = new ServiceCollection()
            .AddTaskCenterSqlite(o =>
            {
                o.Path = path;
                o.Synchronous = SqliteSynchronous.Normal;
            });
        services.Configure<QueueOptions>(o => o.MaxRetries = 0);

        await using (var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }))
        {
            var store = provider.GetRequiredService<ITaskStore>();
            Assert.Same(store, provider.GetRequiredService<ITaskReader>());
            Assert.Same(store, provider.GetRequiredService<IQueueStore>());
            Assert.Same(store, provider.GetRequiredService<IInstanceRegistry>());
            Assert.Same(store, provider.GetRequiredService<SqliteStorage>());

            await store.InitializeAsync(CancellationToken.None);
            Assert.True(File.Exists(path));

            // The queue options flow in: MaxRetries = 0 dead-letters on the first nack.
            var queue = provider.GetRequiredService<IQueueStore>();
            await queue.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
            var fire = await _db.AddAndFireAsync((SqliteStorage)store, "a", Build.T0);
            await queue.LeaseAsync("g", 1, TimeSpan.FromMinutes(1), Build.T0, CancellationToken.None);
            Assert.Equal(NackResult.DeadLettered, (await queue.NackAsync("g", fire.MsgId, null, Build.T0, CancellationToken.None)).Result);

            // An ack leaves statements prepared on the writer; closing still checkpoints the WAL away.
            var acked = await _db.AddAndFireAsync((SqliteStorage)store, "b", Build.T0);
            await queue.LeaseAsync("g", 1, TimeSpan.FromMinutes(1), Build.T0, CancellationToken.None);
            Assert.Equal([acked.MsgId], (await queue.AckAsync("g", [acked.MsgId], Build.T0, CancellationToken.None)).Acked);
        }

        // Disposing the provider closed the database: the WAL was checkpointed away.
        Assert.False(File.Exists(path + "-wal"));
    }
}
