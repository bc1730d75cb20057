using Npgsql;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Testing;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>
/// The database going away and coming back, on a PostgreSQL server of this class's own (the shared one must stay up):
/// calls fail fast as unavailable, and the same storage and listener carry on once it is back.
/// </summary>
public sealed class OutageTests(OutageTests.StoppableServer server) : IClassFixture<OutageTests.StoppableServer>, IAsyncLifetime
{
    private readonly List<StoragePorts> _opened = [];

    /// <summary>A server of the class's own, with one database; stopped and deleted after the class.</summary>
    public sealed class StoppableServer : IAsyncLifetime
    {
        private int _schemas;

        public PostgresServer Server { get; private set; } = null!;

        public string ConnectionString { get; private set; } = "";

        public string NewSchema() => "outage" + Interlocked.Increment(ref _schemas);

        public async Task InitializeAsync()
        {
            Server = await PostgresServer.StartAsync();
            ConnectionString = await Server.CreateDatabaseAsync("outage");
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var storage in _opened)
        {
            await storage.DisposeAsync();
        }
    }

    [Fact]
    public async Task Calls_fail_as_unavailable_while_the_database_is_down_and_the_same_storage_works_again_once_it_is_back()
    {
        var store = await OpenAsync();
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        var before = Build.Task("before", data: "d", nextFireAt: Build.T0);
        await store.Tasks.AddAsync(before, CancellationToken.None);

        await server.Server.StopAsync();
        try
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.Tasks.AddAsync(Build.Task("during", data: "d"), CancellationToken.None));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.Reader.GetAsync(before.Id, CancellationToken.None));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.Ledger.GetEarliestFireAsync(CancellationToken.None));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.Ledger.FireDueAsync(Build.T0, 10, SharedSchema.FireOnce, CancellationToken.None));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.Ledger.LeaseAsync("g", 10, TimeSpan.FromMinutes(1), Build.T0, CancellationToken.None));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.Ledger.PublishDueAsync(Build.T0, 10, (_, _) => Task.CompletedTask, CancellationToken.None));
        }
        finally
        {
            await server.Server.StartAgainAsync();
        }

        Assert.Equal(before, await store.Reader.GetAsync(before.Id, CancellationToken.None));
        var fired = await store.Ledger.FireDueAsync(Build.T0, 10, SharedSchema.FireOnce, CancellationToken.None);
        Assert.Single(fired.Recorded);
        Assert.Single(await store.Ledger.LeaseAsync("g", 10, TimeSpan.FromMinutes(1), Build.T0, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_adds_each_fail_as_unavailable_while_the_database_is_down_and_are_stored_once_it_is_back()
    {
        var store = await OpenAsync();
        Task<AddTaskResult> AddAsync(string data) => Task.Run(() => store.Tasks.AddAsync(Build.Task("job", data: data), CancellationToken.None));

        await server.Server.StopAsync();
        try
        {
            var during = Enumerable.Range(0, 20).Select(i => AddAsync("during" + i)).ToList();
            foreach (var add in during)
            {
                await Assert.ThrowsAsync<StorageUnavailableException>(() => add);
            }
        }
        finally
        {
            await server.Server.StartAgainAsync();
        }

        var after = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => AddAsync("after" + i)));
        Assert.All(after, added => Assert.True(added.Created));
        Assert.Equal(20, (await store.Reader.ListAsync(new TaskQuery { Name = "job", Limit = 100 }, CancellationToken.None)).Tasks.Count);
    }

    [Fact]
    public async Task The_listener_reconnects_after_an_outage_and_passes_notifications_on_again()
    {
        var store = await OpenAsync();
        await using var probe = await ListenerProbe.StartAsync(store);

        await server.Server.StopAsync();
        await server.Server.StartAgainAsync();
        await probe.ListeningAsync();
        await probe.MessagesReadyAsync(); // what was missed meanwhile: consumers look again

        // The listener saw the outage and dropped the pool's dead connections: the store's first call goes through.
        await store.Tasks.AddAsync(Build.Task("after", data: "d", nextFireAt: Build.T0), CancellationToken.None);
        Assert.Equal(Build.T0, await probe.ScheduledAsync());
    }

    private async Task<StoragePorts> OpenAsync()
    {
        var options = new PostgresStorageOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { MaxPoolSize = 10 }.ConnectionString,
            Schema = server.NewSchema(),
        };
        var storage = PostgresPorts.Create(options);
        _opened.Add(storage);
        await storage.Ledger.InitializeAsync(CancellationToken.None);
        return storage;
    }
}
