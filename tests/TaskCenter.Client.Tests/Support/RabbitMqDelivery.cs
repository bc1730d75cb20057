using TaskCenter.Client.Consumer;
using TaskCenter.Client.RabbitMq;

namespace TaskCenter.Client.Tests.Support;

/// <summary>
/// The server's exchange on RabbitMQ: consumers read their group's queue from the broker and retry failures themselves,
/// on the fixture's short retries; the test looks at the group's queue with a plain AMQP client.
/// </summary>
public sealed class RabbitMqDelivery(RabbitMqEndpoint endpoint) : IGroupDelivery
{
    public void ConfigureConsumer(TaskConsumerOptions options, string group)
    {
        options.Group = group;
        options.UseRabbitMq(rabbit =>
        {
            rabbit.Uri = endpoint.Uri;
            rabbit.Exchange = endpoint.Exchange;
            rabbit.RetryDelays = [.. Enumerable.Repeat(ServerFixture.RetryDelay, ServerFixture.MaxRetries)];
            rabbit.MaxRetries = ServerFixture.MaxRetries;
        });
    }

    /// <summary>
    /// A consumer of the group declares its queue and binds the tags (as the SDK does, so nothing here repeats the
    /// topology), and is stopped once it reads the queue; fires then wait there for the test's consumers.
    /// </summary>
    public async Task SubscribeAsync(string group, string tags)
    {
        var options = new TaskConsumerOptions();
        ConfigureConsumer(options, group);
        await using var subscriber = new TaskConsumer(options);
        subscriber.Register(tags, (_, _) => throw new InvalidOperationException("the subscribing consumer takes no messages"));
        await subscriber.StartAsync();
        await GroupQueues.WaitUntilConsumedAsync(endpoint, group);
    }

    /// <summary>The group's queue is empty: its messages were acked (or dead-lettered), none went back to it.</summary>
    public async Task AssertSettledAsync(string group, IReadOnlyList<string> msgIds) =>
        Assert.Equal(0u, await GroupQueues.CountLeftAsync(endpoint, group));

    public Task<string> TakeWaitingAsync(string group, string tags) => GroupQueues.TakeTaskIdAsync(endpoint, group);
}
