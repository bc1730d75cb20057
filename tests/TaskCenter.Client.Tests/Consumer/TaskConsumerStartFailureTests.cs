using Microsoft.Extensions.Logging;
using RabbitMQ.Client.Exceptions;
using TaskCenter.Client.Consumer;
using TaskCenter.Client.RabbitMq;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Consumer;

/// <summary>
/// A server (or broker) that cannot be reached when the consumer starts: the start says so in the log before it returns,
/// or, asked to fail fast, throws. No server is needed: nothing listens on the port.
/// </summary>
public sealed class TaskConsumerStartFailureTests
{
    private static readonly TaskHandler Nothing = (_, _) => Task.CompletedTask;

    [Fact]
    public async Task An_unreachable_server_is_logged_naming_it_before_StartAsync_returns()
    {
        var server = new Uri($"http://127.0.0.1:{ClosedPort.Take()}/");
        using var client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = server });
        var logger = new RecordingLogger<TaskConsumer>();
        await using var consumer = new TaskConsumer(client, Options(), logger);
        consumer.Register("tag", Nothing);

        await consumer.StartAsync().OrTimeout();

        var warning = Assert.Single(logger.TakeLogged(), entry => entry.Level == LogLevel.Warning);
        Assert.Contains($"TaskCenter at {server} is unreachable", warning.Message, StringComparison.Ordinal);
        Assert.Contains("group billing is not subscribed", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_FailFastOnStart_StartAsync_throws_when_the_server_is_unreachable()
    {
        using var client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = new($"http://127.0.0.1:{ClosedPort.Take()}/") });
        var options = Options();
        options.FailFastOnStart = true;
        await using var consumer = new TaskConsumer(client, options);
        consumer.Register("tag", Nothing);

        await Assert.ThrowsAsync<HttpRequestException>(() => consumer.StartAsync().OrTimeout());
        await Assert.ThrowsAsync<InvalidOperationException>(() => consumer.StartAsync()); // a consumer runs once
    }

    [Fact]
    public async Task An_unreachable_broker_is_logged_before_StartAsync_returns_and_FailFastOnStart_throws()
    {
        var broker = new Uri($"amqp://guest:guest@127.0.0.1:{ClosedPort.Take()}/");
        var logger = new RecordingLogger<TaskConsumer>();
        await using (var consumer = new TaskConsumer(Options().UseRabbitMq(broker), logger))
        {
            consumer.Register("tag", Nothing);

            await consumer.StartAsync().OrTimeout();

            var warning = Assert.Single(logger.TakeLogged(), entry => entry.Level == LogLevel.Warning);
            Assert.Contains($"RabbitMQ amqp://127.0.0.1:{broker.Port}/", warning.Message, StringComparison.Ordinal);
            Assert.Contains("is unreachable", warning.Message, StringComparison.Ordinal);
        }

        var options = Options().UseRabbitMq(broker);
        options.FailFastOnStart = true;
        await using var failing = new TaskConsumer(options);
        failing.Register("tag", Nothing);
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => failing.StartAsync().OrTimeout());
    }

    private static TaskConsumerOptions Options() =>
        new() { Group = "billing", RetryDelay = TimeSpan.FromMinutes(1), MaxRetryDelay = TimeSpan.FromMinutes(1) };
}
