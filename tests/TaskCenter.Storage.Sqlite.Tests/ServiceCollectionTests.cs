using Microsoft.Extensions.DependencyInjection;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Push;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.Storage.Sqlite.Tests;

public sealed class ServiceCollectionTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task AddTaskCenterSqlite_registers_each_port_once_on_one_database()
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
            var ledger = provider.GetRequiredService<IFireLedger>();
            Assert.Same(ledger, provider.GetRequiredService<IFireLedger>());
            Assert.Same(provider.GetRequiredService<ITaskStore>(), provider.GetRequiredService<ITaskStore>());
            Assert.Same(provider.GetRequiredService<ITaskReader>(), provider.GetRequiredService<ITaskReader>());
            Assert.Same(provider.GetRequiredService<IInstanceRegistry>(), provider.GetRequiredService<IInstanceRegistry>());
            Assert.Same(provider.GetRequiredService<IPushGroupStore>(), provider.GetRequiredService<IPushGroupStore>());

            await ledger.InitializeAsync(CancellationToken.None);
            Assert.True(File.Exists(path));
            var store = new StoragePorts(provider);

            // The queue options flow in: MaxRetries = 0 dead-letters on the first nack.
            await ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
            var fire = await StorageHarness.AddAndFireAsync(store, "a", Build.T0);
            await ledger.LeaseAsync("g", 1, TimeSpan.FromMinutes(1), Build.T0, CancellationToken.None);
            Assert.Equal(NackResult.DeadLettered, (await ledger.NackAsync("g", fire.MsgId, null, null, Build.T0, CancellationToken.None)).Result);

            // An ack leaves statements prepared on the writer; closing still checkpoints the WAL away.
            var acked = await StorageHarness.AddAndFireAsync(store, "b", Build.T0);
            await ledger.LeaseAsync("g", 1, TimeSpan.FromMinutes(1), Build.T0, CancellationToken.None);
            Assert.Equal([acked.MsgId], (await ledger.AckAsync("g", [acked.MsgId], Build.T0, CancellationToken.None)).Acked);
        }

        // Disposing the provider closed the database: the WAL was checkpointed away.
        Assert.False(File.Exists(path + "-wal"));
    }
}
