using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TaskCenter.Client.Consumer;
using TaskCenter.Client.Hosting;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Hosting;

public abstract class HostedConsumerTests(ServerFixture fixture)
{
    private TaskCenterClient Client => fixture.Client;

    [Fact]
    public async Task A_DI_resolved_handler_receives_messages_and_stopping_the_host_stops_the_consumer()
    {
        var (tag, group) = (Unique.Name("hosted"), Unique.Name("group"));
        // A short lease: should the server still hold the stopped consumer's canceled long poll when the next message
        // fires, that poll's lease on it runs out in a second and the message still reaches the test's take below.
        using var host = BuildHost(group, tag, lease: TimeSpan.FromSeconds(1));
        var probe = host.Services.GetRequiredService<HandlerProbe>();
        await fixture.SubscribeAsync(group, tag);
        await host.StartAsync();

        await Client.AddTaskAsync(NewTask.Once(tag, "one"));
        await Client.AddTaskAsync(NewTask.Once(tag, "two"));
        var handled = await probe.Received.NextAsync(2);
        await host.StopAsync();

        Assert.Equal(["one", "two"], handled.Select(h => h.Context.Data).Order(StringComparer.Ordinal));
        Assert.NotSame(handled[0].Handler, handled[1].Handler); // one scoped handler per message
        await fixture.AssertSettledAsync(group, [.. handled.Select(h => h.Context.MsgId)]);

        // Stopped: a new message waits in the group for whoever consumes next, and the handler never sees it.
        var taskId = (await Client.AddTaskAsync(NewTask.Once(tag, "after stop"))).TaskId;
        Assert.Equal(taskId, await fixture.TakeWaitingAsync(group, tag));
        Assert.False(probe.Received.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Stopping_the_host_waits_for_a_running_handler_and_acks_its_message()
    {
        var (tag, group) = (Unique.Name("hosted-stop"), Unique.Name("group"));
        using var host = BuildHost(group, tag);
        var probe = host.Services.GetRequiredService<HandlerProbe>();
        probe.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await fixture.SubscribeAsync(group, tag);
        await host.StartAsync();
        await Client.AddTaskAsync(NewTask.Once(tag, "in flight"));
        var (context, _) = await probe.Received.NextAsync();

        var stopping = host.StopAsync();

        Assert.False(stopping.IsCompleted, "the host stopped without waiting for the running handler");
        probe.Gate.SetResult();
        await stopping.OrTimeout();
        await fixture.AssertSettledAsync(group, context.MsgId);
    }

    [Fact]
    public async Task AddTaskCenterClient_registers_one_configured_client()
    {
        var services = new ServiceCollection();
        services.AddTaskCenterClient(options => options.BaseAddress = fixture.Server.BaseAddress);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<TaskCenterClient>();
        var added = await client.AddTaskAsync(NewTask.Once(Unique.Name("di"), "x", DateTimeOffset.UtcNow.AddDays(1)));

        Assert.Same(client, provider.GetRequiredService<TaskCenterClient>());
        Assert.Same(client, provider.GetRequiredService<ITaskCenterClient>());
        Assert.Equal(fixture.Server.BaseAddress, client.BaseAddress);
        Assert.Equal("x", (await Client.GetTaskAsync(added.TaskId))?.Data);
    }

    [Fact]
    public async Task A_service_provider_holding_a_started_and_stopped_consumer_can_be_disposed_synchronously()
    {
        var (tag, group) = (Unique.Name("sync-dispose"), Unique.Name("group"));
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = BuildProvider(group, tag, handled);
        var hostedServices = provider.GetServices<IHostedService>().ToList();
        await fixture.SubscribeAsync(group, tag);
        foreach (var service in hostedServices)
        {
            await service.StartAsync(CancellationToken.None);
        }

        await Client.AddTaskAsync(NewTask.Once(tag, "x"));
        var msgId = await handled.Task.OrTimeout();
        foreach (var service in hostedServices)
        {
            await service.StopAsync(CancellationToken.None).OrTimeout();
        }

        provider.Dispose(); // threw InvalidOperationException while the service implemented only IAsyncDisposable

        Assert.Single(hostedServices);
        await fixture.AssertSettledAsync(group, msgId);
    }

    [Fact]
    public async Task Disposing_the_service_provider_synchronously_on_a_UI_style_context_stops_a_running_consumer()
    {
        using var uiThread = new SingleThreadContext();
        var (tag, group) = (Unique.Name("sync-dispose-ui"), Unique.Name("group"));
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = BuildProvider(group, tag, handled);
        await fixture.SubscribeAsync(group, tag);
        await Assert.Single(provider.GetServices<IHostedService>()).StartAsync(CancellationToken.None);
        await Client.AddTaskAsync(NewTask.Once(tag, "x"));
        var msgId = await handled.Task.OrTimeout();

        // Never stopped: the synchronous dispose stops the consumer, blocking the UI thread until it has.
        await uiThread.RunAsync(provider.Dispose).OrTimeout();

        await fixture.AssertSettledAsync(group, msgId);
    }

    private ServiceProvider BuildProvider(string group, string tag, TaskCompletionSource<string> handled)
    {
        var services = new ServiceCollection();
        services.AddTaskCenterClient(client => client.BaseAddress = fixture.Server.BaseAddress);
        services.AddTaskCenterConsumer(
            options => fixture.ConfigureConsumer(options, group),
            handlers => handlers.Handle(tag, (context, _) =>
            {
                handled.TrySetResult(context.MsgId);
                return Task.CompletedTask;
            }));
        return services.BuildServiceProvider();
    }

    private IHost BuildHost(string group, string tag, TimeSpan? lease = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<HandlerProbe>();
        builder.Services.AddTaskCenterClient(client => client.BaseAddress = fixture.Server.BaseAddress);
        builder.Services.AddTaskCenterConsumer(
            options =>
            {
                fixture.ConfigureConsumer(options, group);
                options.Lease = lease ?? options.Lease;
            },
            handlers => handlers.Handle<RecordingHandler>(tag));
        return builder.Build();
    }

    /// <summary>What the handlers saw; a singleton the test resolves from the host.</summary>
    public sealed class HandlerProbe
    {
        public System.Threading.Channels.Channel<(TaskMessageContext Context, RecordingHandler Handler)> Received { get; } =
            Waiting.NewChannel<(TaskMessageContext, RecordingHandler)>();

        /// <summary>When set, handlers wait for it after recording their message.</summary>
        public TaskCompletionSource? Gate { get; set; }
    }

    /// <summary>A handler class resolved from the host's services for each message.</summary>
    public sealed class RecordingHandler(HandlerProbe probe) : ITaskHandler
    {
        public async Task HandleAsync(TaskMessageContext context, CancellationToken cancellationToken)
        {
            probe.Received.Writer.TryWrite((context, this));
            if (probe.Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }
        }
    }
}

public sealed class HostedConsumerTestsOnSqlite(SqliteServerFixture fixture) : HostedConsumerTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class HostedConsumerTestsOnPostgres(PostgresServerFixture fixture) : HostedConsumerTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class HostedConsumerTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : HostedConsumerTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
