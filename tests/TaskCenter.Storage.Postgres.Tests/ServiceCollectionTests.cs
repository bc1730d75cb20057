using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Push;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres.Notifications;

namespace TaskCenter.Storage.Postgres.Tests;

public sealed class ServiceCollectionTests(ClassDatabase database) : IClassFixture<ClassDatabase>
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AddTaskCenterPostgres_registers_each_port_once_and_the_listener()
    {
        var services = ServerServices(database.NewSchema());
        services.Configure<QueueOptions>(o => o.MaxRetries = 0);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var ledger = provider.GetRequiredService<IFireLedger>();
        Assert.Same(ledger, provider.GetRequiredService<IFireLedger>());
        Assert.Same(provider.GetRequiredService<ITaskStore>(), provider.GetRequiredService<ITaskStore>());
        Assert.Same(provider.GetRequiredService<ITaskReader>(), provider.GetRequiredService<ITaskReader>());
        Assert.Same(provider.GetRequiredService<IInstanceRegistry>(), provider.GetRequiredService<IInstanceRegistry>());
        Assert.Same(provider.GetRequiredService<IPushGroupStore>(), provider.GetRequiredService<IPushGroupStore>());
        Assert.Single(provider.GetServices<IHostedService>().OfType<PostgresNotificationListener>());

        // The queue options flow in: MaxRetries = 0 dead-letters on the first nack.
        await ledger.InitializeAsync(CancellationToken.None);
        await ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        var task = Build.Task("a", data: "d", nextFireAt: Build.T0);
        await provider.GetRequiredService<ITaskStore>().AddAsync(task, CancellationToken.None);
        await ledger.FireDueAsync(Build.T0, 10, SharedSchema.FireOnce, CancellationToken.None);
        var message = Assert.Single(await ledger.LeaseAsync("g", 1, TimeSpan.FromMinutes(1), Build.T0, CancellationToken.None));
        Assert.Equal(NackResult.DeadLettered, (await ledger.NackAsync("g", message.MsgId, null, null, Build.T0, CancellationToken.None)).Result);
    }

    [Fact]
    public async Task A_missing_connection_string_fails_on_first_use_and_names_the_setting()
    {
        await using var provider = new ServiceCollection().AddTaskCenterPostgres(_ => { }).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ITaskStore>());

        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_long_polling_one_server_gets_the_fire_another_server_records_at_once()
    {
        var schema = database.NewSchema();
        await using var serverA = ServerServices(schema).BuildServiceProvider();
        await using var serverB = ServerServices(schema).BuildServiceProvider();
        var ledgerA = serverA.GetRequiredService<IFireLedger>();
        await ledgerA.InitializeAsync(CancellationToken.None);
        await serverB.GetRequiredService<IFireLedger>().InitializeAsync(CancellationToken.None);
        serverB.GetRequiredService<StorageReadiness>().Ready();
        var listenerB = serverB.GetServices<IHostedService>().OfType<PostgresNotificationListener>().Single();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listenerB.Listening += () => listening.TrySetResult();
        await listenerB.StartAsync(CancellationToken.None);
        await listening.Task.WaitAsync(Guard);
        var queueB = new BuiltInQueue(serverB.GetRequiredService<IFireLedger>(), serverB.GetRequiredService<QueueSignal>(), TimeProvider.System, Options.Create(new LimitOptions()));

        // B's consumer subscribes, finds nothing and waits (a minute at most, unless woken).
        var consuming = queueB.ConsumeAsync(new ConsumeRequest("g", TagFilter.All, 10, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)), CancellationToken.None);
        await WaitUntilSubscribedAsync(schema, "g");
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var task = Build.Task("tick", data: "d", nextFireAt: now);
        await serverA.GetRequiredService<ITaskStore>().AddAsync(task, CancellationToken.None);
        await ledgerA.FireDueAsync(now, 10, due => [Build.Advance(due[0], TaskState.Finished, null, now, Build.Fire(due[0], now))], CancellationToken.None);

        var messages = await consuming.WaitAsync(Guard);

        Assert.Equal(task.Id, Assert.Single(messages).TaskId);
        await listenerB.StopAsync(CancellationToken.None);
    }

    /// <summary>The services of one server instance that this storage plugs into, on <paramref name="schema"/>.</summary>
    private IServiceCollection ServerServices(string schema)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<QueueSignal>();
        services.AddSingleton<EngineWakeup>();
        return services.AddTaskCenterPostgres(options =>
        {
            options.ConnectionString = database.ConnectionString;
            options.Schema = schema;
        });
    }

    private async Task WaitUntilSubscribedAsync(string schema, string group)
    {
        using var timeout = new CancellationTokenSource(Guard);
        while (database.Scalar(schema, $"SELECT count(*) FROM consumer_groups WHERE name = '{group}'") == 0)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
