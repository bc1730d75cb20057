using Microsoft.Extensions.Logging;
using TaskCenter.Client.Consumer;
using TaskCenter.Client.RabbitMq;

namespace TaskCenter.Transport.RabbitMq.Tests.Support;

/// <summary>SDK consumers that read straight from the test's broker and exchange, with pauses short enough for tests.</summary>
public static class RabbitConsumers
{
    /// <summary>
    /// A started consumer of <paramref name="group"/> running <paramref name="handler"/> for <paramref name="tags"/>,
    /// returned once its queue is bound and consumed (fires recorded before a group binds are not its own).
    /// </summary>
    public static async Task<TaskConsumer> StartAsync(
        TransportHarness harness,
        Uri broker,
        string group,
        string tags,
        TaskHandler handler,
        Action<RabbitMqConsumerOptions>? configure = null)
    {
        var options = new TaskConsumerOptions
        {
            Group = group,
            MaxConcurrency = 4,
            RetryDelay = TimeSpan.FromMilliseconds(200),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        }.UseRabbitMq(rabbit =>
        {
            rabbit.Uri = broker;
            rabbit.Exchange = harness.Exchange;
            configure?.Invoke(rabbit);
        });
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(harness.Logs).SetMinimumLevel(LogLevel.Debug));
        var consumer = new TaskConsumer(options, loggers.CreateLogger<TaskConsumer>());
        consumer.Register(tags, handler);
        await consumer.StartAsync();
        await harness.Logs.WaitForAsync(entry => entry.Message.StartsWith($"Consuming group {group} from", StringComparison.Ordinal));
        return consumer;
    }
}
