using RabbitMQ.Client;

namespace TaskCenter.RabbitMq.Contract;

/// <summary>
/// Declares TaskCenter's RabbitMQ topology. Every declaration is idempotent, so the server and each consumer declare
/// what they use on every (re)connect, in any order; the arguments here are the ones both must agree on.
/// </summary>
internal static class Topology
{
    /// <summary>
    /// The exchanges and the server's queues: the topic exchange with its alternate exchange and the queue that keeps
    /// unroutable fires, the retry and delay exchanges, and the dead-letter queue.
    /// </summary>
    public static async Task DeclareSharedAsync(IChannel channel, AmqpNames names, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(names.Unrouted, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await DeclareQuorumQueueAsync(channel, names.Unrouted, arguments: null, cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(names.Unrouted, names.Unrouted, routingKey: string.Empty, cancellationToken: cancellationToken)
            .ConfigureAwait(false);

        var alternate = new Dictionary<string, object?> { ["alternate-exchange"] = names.Unrouted };
        await channel.ExchangeDeclareAsync(names.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, alternate, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(names.Retry, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(names.Delay, ExchangeType.Headers, durable: true, autoDelete: false, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await DeclareQuorumQueueAsync(channel, names.DeadLetters, arguments: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The queue where retries of one delay wait: its messages expire after the delay and are dead-lettered, with their
    /// routing key (a group queue's name), to the retry exchange. Bound to the delay exchange by header retry_delay_ms.
    /// </summary>
    public static async Task DeclareDelayQueueAsync(IChannel channel, AmqpNames names, long delayMs, CancellationToken cancellationToken)
    {
        var queue = names.DelayQueue(delayMs);
        var arguments = new Dictionary<string, object?>
        {
            ["x-message-ttl"] = delayMs,
            ["x-dead-letter-exchange"] = names.Retry,
            ["x-dead-letter-strategy"] = "at-least-once",
            ["x-overflow"] = "reject-publish",
        };
        await DeclareQuorumQueueAsync(channel, queue, arguments, cancellationToken).ConfigureAwait(false);
        var binding = new Dictionary<string, object?>
        {
            ["x-match"] = "all",
            [MessageHeaders.RetryDelayMs] = RetryDelayHeader(delayMs),
        };
        await channel.QueueBindAsync(queue, names.Delay, routingKey: string.Empty, binding, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// What a consumer of <paramref name="group"/> declares on each connect: the shared topology, the delay queue of
    /// each of its retry delays, and its group's queue bound to its tags.
    /// </summary>
    public static async Task DeclareConsumerAsync(
        IChannel channel, AmqpNames names, string group, IReadOnlyList<string> tags, IEnumerable<TimeSpan> retryDelays, CancellationToken cancellationToken)
    {
        await DeclareSharedAsync(channel, names, cancellationToken).ConfigureAwait(false);
        foreach (var delayMs in retryDelays.Select(DelayMs).Where(ms => ms > 0).Distinct())
        {
            await DeclareDelayQueueAsync(channel, names, delayMs, cancellationToken).ConfigureAwait(false);
        }

        await DeclareGroupQueueAsync(channel, names, group, tags, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A retry delay in whole milliseconds, as its delay queue is named.</summary>
    public static long DelayMs(TimeSpan delay) => (long)delay.TotalMilliseconds;

    /// <summary>
    /// A consumer group's queue, bound to the topic exchange for each tag (<c>#</c> for every tag) and to the retry
    /// exchange with its own name. Bindings are only added: a tag the group no longer takes stays bound until removed by hand.
    /// </summary>
    public static async Task DeclareGroupQueueAsync(
        IChannel channel, AmqpNames names, string group, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var queue = names.GroupQueue(group);
        await DeclareQuorumQueueAsync(channel, queue, arguments: null, cancellationToken).ConfigureAwait(false);
        foreach (var bindingKey in tags.Count == 0 ? ["#"] : tags)
        {
            await channel.QueueBindAsync(queue, names.Exchange, bindingKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await channel.QueueBindAsync(queue, names.Retry, queue, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The value of header retry_delay_ms: a string, so clients in any language send the type the binding expects.</summary>
    public static string RetryDelayHeader(long delayMs) => delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Task<QueueDeclareOk> DeclareQuorumQueueAsync(
        IChannel channel, string queue, Dictionary<string, object?>? arguments, CancellationToken cancellationToken)
    {
        arguments ??= [];
        arguments["x-queue-type"] = "quorum";
        return channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
    }
}
