using TaskCenter.Client.Consumer;
using TaskCenter.Client.RabbitMq;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Client.Tests.Consumer;

/// <summary>Over RabbitMQ a group queue is bound to tags, and a binding cannot express a prefix: the consumer says so at start.</summary>
public sealed class RabbitMqNamePatternTests
{
    [Fact]
    public async Task A_prefix_pattern_is_refused_when_the_consumer_starts_and_exact_tags_are_not()
    {
        // No broker is needed: the refusal comes before the first connection.
        var nowhere = new Uri("amqp://guest:guest@127.0.0.1:1/");
        await using var refused = new TaskConsumer(new TaskConsumerOptions { Group = "billing" }.UseRabbitMq(nowhere));
        refused.Register("invoice || billing.*", (_, _) => Task.CompletedTask);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => refused.StartAsync());

        Assert.Contains("'billing.*' cannot be consumed over RabbitMQ", error.Message, StringComparison.Ordinal);
        await using var exact = new TaskConsumer(new TaskConsumerOptions { Group = "billing" }.UseRabbitMq(nowhere));
        exact.Register("invoice || billing.refund", (_, _) => Task.CompletedTask);
        await exact.StartAsync();
    }
}
