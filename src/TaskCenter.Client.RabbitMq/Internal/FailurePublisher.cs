using RabbitMQ.Client;
using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Client.RabbitMq.Internal;

/// <summary>
/// Settles a message whose handling failed, as the server's built-in queue would: while retries remain, a copy with
/// attempt + 1 goes to the delay queue of that retry's delay (and from there back to this group only); after the last
/// retry it goes to the dead-letter queue that the server drains. The original is acked only once the broker confirmed the copy.
/// </summary>
internal sealed class FailurePublisher(ConsumerTopology topology, RabbitMqConsumerOptions options, string group, TimeProvider time)
{
    public async Task<NackOutcome> FailAsync(ReceivedMessage received, string failure)
    {
        var message = received.Message;
        var now = time.GetUtcNow();
        NackOutcome result;
        if (message.Attempt <= options.MaxRetries)
        {
            var delayMs = ConsumerTopology.ToDelayMs(options.DelayBeforeRetry(message.Attempt));
            var properties = CopyOf(received, message.Attempt + 1, failure);
            properties.Headers![MessageHeaders.RetryDelayMs] = Topology.RetryDelayHeader(delayMs);

            // No delay: straight back to the group's queue through the retry exchange.
            var exchange = delayMs > 0 ? topology.Names.Delay : topology.Names.Retry;
            await received.Session.PublishAsync(exchange, topology.GroupQueue, properties, received.Body, options.PublishTimeout)
                .ConfigureAwait(false);
            result = new NackOutcome(message.MsgId, NackResult.Retrying, now.AddMilliseconds(delayMs));
        }
        else
        {
            var properties = CopyOf(received, message.Attempt, failure);
            properties.Headers![MessageHeaders.Group] = group;
            properties.Headers[MessageHeaders.Attempts] = message.Attempt;
            properties.Headers[MessageHeaders.DeadAt] = now.ToUnixTimeMilliseconds();
            await received.Session.PublishAsync(string.Empty, topology.Names.DeadLetters, properties, received.Body, options.PublishTimeout)
                .ConfigureAwait(false);
            result = new NackOutcome(message.MsgId, NackResult.DeadLettered, RetryAt: null);
        }

        // Acked after the copy is safe: if this ack is lost, the broker delivers the original again (at least once).
        await received.Session.TryAckAsync(received.DeliveryTag).ConfigureAwait(false);
        return result;
    }

    private static BasicProperties CopyOf(ReceivedMessage received, int attempt, string failure)
    {
        var message = received.Message;
        var properties = MessageProperties.Create(
            message.MsgId, message.TaskId, message.Name, message.FireTime, attempt, message.RequiresExplicitAck, received.TaskLease);
        properties.Headers![MessageHeaders.LastError] = failure;
        properties.ContentType = received.Properties.ContentType;
        properties.ContentEncoding = received.Properties.ContentEncoding;
        return properties;
    }
}
