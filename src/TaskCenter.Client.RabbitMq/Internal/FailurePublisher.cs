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
        var fire = received.Fire;
        var now = time.GetUtcNow();
        FailureCopy copy;
        NackOutcome result;
        if (fire.Attempt <= options.MaxRetries)
        {
            var delayMs = Topology.DelayMs(options.DelayBeforeRetry(fire.Attempt));
            copy = fire.RetryCopy(topology.Names, group, delayMs, failure);
            result = new NackOutcome(fire.MsgId, NackResult.Retrying, now.AddMilliseconds(delayMs));
        }
        else
        {
            copy = fire.DeadLetterCopy(topology.Names, group, now, failure);
            result = new NackOutcome(fire.MsgId, NackResult.DeadLettered, RetryAt: null);
        }

        await received.Session.PublishAsync(copy.Exchange, copy.RoutingKey, copy.Properties, received.Body, options.PublishTimeout)
            .ConfigureAwait(false);

        // Acked after the copy is safe: if this ack is lost, the broker delivers the original again (at least once).
        await received.Session.TryAckAsync(received.DeliveryTag).ConfigureAwait(false);
        return result;
    }
}
