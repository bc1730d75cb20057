using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TaskCenter.Client.Consumer;
using TaskCenter.Client.Hosting;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Hosting;

/// <summary>Which client a consumer added with <c>AddTaskCenterConsumer</c> talks through: the one registered, else one built from the registered options.</summary>
public sealed class ConsumerRegistrationTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task AddTaskCenterConsumer_talks_through_the_registered_ITaskCenterClient()
    {
        var (tag, group) = (Unique.Name("registered"), Unique.Name("group"));
        using var recorder = new RecordingHttpHandler();
        using var registered = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = fixture.Server.BaseAddress, HttpHandler = recorder });
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = new ServiceCollection();
        services.AddSingleton<ITaskCenterClient>(registered);
        services.AddTaskCenterConsumer(options => options.Group = group, handlers => handlers.Handle(tag, Record(handled)));
        await using var provider = services.BuildServiceProvider();

        var data = await RunUntilHandledAsync(provider, tag, handled);

        Assert.Equal("x", data);
        Assert.Same(registered, provider.GetRequiredService<ITaskCenterClient>());
        Assert.Contains(recorder.Sent, request => request.Path == "/v1/api/consume");
    }

    [Fact]
    public async Task Without_a_registered_client_AddTaskCenterConsumer_registers_one_built_from_the_configured_options()
    {
        var (tag, group) = (Unique.Name("configured"), Unique.Name("group"));
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = new ServiceCollection();
        services.AddTaskCenterConsumer(options => options.Group = group, handlers => handlers.Handle(tag, Record(handled)));
        services.Configure<TaskCenterClientOptions>(options => options.BaseAddress = fixture.Server.BaseAddress); // after: options apply when resolved
        await using var provider = services.BuildServiceProvider();

        var data = await RunUntilHandledAsync(provider, tag, handled);

        Assert.Equal("x", data);
        var client = provider.GetRequiredService<TaskCenterClient>();
        Assert.Same(client, provider.GetRequiredService<ITaskCenterClient>());
        Assert.Equal(fixture.Server.BaseAddress, client.BaseAddress);
    }

    private static TaskHandler Record(TaskCompletionSource<string> handled) =>
        (context, _) => Task.FromResult(handled.TrySetResult(context.Data));

    /// <summary>Starts the consumer, adds a task for it, and stops it once its handler saw the message.</summary>
    private async Task<string> RunUntilHandledAsync(IServiceProvider provider, string tag, TaskCompletionSource<string> handled)
    {
        var consumer = Assert.Single(provider.GetServices<IHostedService>());
        await consumer.StartAsync(CancellationToken.None);
        await fixture.Client.AddTaskAsync(NewTask.Once(tag, "x"));
        var data = await handled.Task.OrTimeout();
        await consumer.StopAsync(CancellationToken.None).OrTimeout();
        return data;
    }
}
