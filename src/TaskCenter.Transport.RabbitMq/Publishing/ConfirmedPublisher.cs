using RabbitMQ.Client;

namespace TaskCenter.Transport.RabbitMq.Publishing;

/// <summary>Publishes a batch on a channel with publisher confirms and returns once the broker confirmed every message.</summary>
internal static class ConfirmedPublisher
{
    /// <summary>
    /// Sends all messages (in order: the client sends them as they are started) and waits for all confirms. Throws if the
    /// broker nacks or returns one (mandatory), the channel closes, or the confirms take longer than <paramref name="timeout"/>.
    /// </summary>
    public static async Task PublishAllAsync(
        IChannel channel, IReadOnlyList<OutgoingMessage> messages, bool mandatory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var confirms = new Task[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            confirms[i] = channel.BasicPublishAsync(
                message.Exchange, message.RoutingKey, mandatory, message.Properties, message.Body, timeoutSource.Token).AsTask();
        }

        try
        {
            await Task.WhenAll(confirms);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"RabbitMQ did not confirm {messages.Count} messages within {timeout}.");
        }
    }
}
