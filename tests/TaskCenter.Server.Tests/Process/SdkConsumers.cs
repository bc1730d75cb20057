using TaskCenter.Client.Consumer;
using TaskCenter.Client.RabbitMq;
using TaskCenter.Testing;

namespace TaskCenter.Server.Tests.Process;

/// <summary>The .NET SDK's consumer reading a server's fires straight from RabbitMQ, reconnecting quickly enough for tests.</summary>
internal static class SdkConsumers
{
    public static TaskConsumer OverRabbitMq(
        RabbitMqEndpoint endpoint, string group, int maxConcurrency, Action<RabbitMqConsumerOptions>? configure = null) =>
        new(new TaskConsumerOptions
        {
            Group = group,
            MaxConcurrency = maxConcurrency,
            RetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        }.UseRabbitMq(rabbit =>
        {
            rabbit.Uri = endpoint.Uri;
            rabbit.Exchange = endpoint.Exchange;
            configure?.Invoke(rabbit);
        }));
}
