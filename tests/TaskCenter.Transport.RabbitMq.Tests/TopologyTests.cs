using RabbitMQ.Client.Exceptions;
using TaskCenter.Transport.RabbitMq.Tests.Support;

namespace TaskCenter.Transport.RabbitMq.Tests;

[Collection(BrokerCollection.Name)]
public sealed class TopologyTests(BrokerFixture broker)
{
    [Fact]
    public async Task The_server_declares_the_topic_exchange_its_alternate_exchange_and_quorum_queues()
    {
        await using var harness = await TransportHarness.StartAsync(broker.Server);
        var x = harness.Exchange;

        await using var probe = await AmqpProbe.ConnectAsync(broker.Server.AmqpUri);
        foreach (var exchange in new[] { x, $"{x}.unrouted", $"{x}.retry", $"{x}.delay" })
        {
            await probe.AmqpChannel.ExchangeDeclarePassiveAsync(exchange);
        }

        // Declared again with the arguments of the contract, they are accepted: topic + alternate exchange, quorum queues.
        await probe.AmqpChannel.ExchangeDeclareAsync(
            x, "topic", durable: true, autoDelete: false, new Dictionary<string, object?> { ["alternate-exchange"] = $"{x}.unrouted" });
        foreach (var queue in new[] { $"{x}.unrouted", $"{x}.dead-letters" })
        {
            await probe.AmqpChannel.QueueDeclareAsync(
                queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        }

        // A classic queue of the same name is refused: the queue is a quorum queue.
        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => probe.AmqpChannel.QueueDeclareAsync(
            $"{x}.dead-letters", durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "classic" }));
        Assert.Contains("PRECONDITION_FAILED", refused.Message, StringComparison.Ordinal);
    }
}
