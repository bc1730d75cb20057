using RabbitMQ.Client;

namespace TaskCenter.RabbitMq.Contract;

/// <summary>
/// A fire as a delivery from a group's queue carries it (docs/rabbitmq.md, "The message"), read whatever client
/// published it, and the copies through which a consumer that failed it retries it or makes it a dead letter (steps 4
/// and 5 of "Consuming from any language"). The SDK's consumer and the server's pusher of push groups both settle
/// failures through these copies.
/// </summary>
internal sealed record DeliveredFire(
    string MsgId, string TaskId, string Name, DateTimeOffset FireTime, int Attempt, bool Ack, TimeSpan? Lease, string? ContentType, string? ContentEncoding)
{
    /// <summary>Reads a delivery's properties; a message without message_id gets one made of where it came from.</summary>
    public static DeliveredFire Read(IReadOnlyBasicProperties properties, string exchange, string routingKey, ulong deliveryTag, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var headers = properties.Headers;
        var fireTimeMs = MessageHeaders.GetInt64(headers, MessageHeaders.FireTime);
        return new DeliveredFire(
            MsgId: properties.MessageId ?? $"{exchange}:{routingKey}:{now.ToUnixTimeMilliseconds()}:{deliveryTag}",
            TaskId: MessageHeaders.GetString(headers, MessageHeaders.TaskId) ?? string.Empty,
            Name: MessageHeaders.GetString(headers, MessageHeaders.Name) ?? routingKey,
            FireTime: fireTimeMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : now,
            Attempt: (int)Math.Clamp(MessageHeaders.GetInt64(headers, MessageHeaders.Attempt) ?? 1, 1, int.MaxValue),
            Ack: MessageHeaders.GetBoolean(headers, MessageHeaders.Ack),
            Lease: MessageHeaders.GetInt64(headers, MessageHeaders.LeaseMs) is { } leaseMs and > 0 ? TimeSpan.FromMilliseconds(leaseMs) : null,
            ContentType: properties.ContentType,
            ContentEncoding: properties.ContentEncoding);
    }

    /// <summary>
    /// The copy that retries it after <paramref name="delayMs"/> with attempt + 1: through the delay queue of that delay
    /// (declared with <see cref="Topology.DeclareConsumerAsync"/>), or with no delay straight through the retry
    /// exchange, back to <paramref name="group"/>'s queue only.
    /// </summary>
    public FailureCopy RetryCopy(AmqpNames names, string group, long delayMs, string failure)
    {
        ArgumentNullException.ThrowIfNull(names);
        var properties = CopyProperties(Attempt + 1, failure);
        properties.Headers![MessageHeaders.RetryDelayMs] = Topology.RetryDelayHeader(delayMs);
        return new FailureCopy(delayMs > 0 ? names.Delay : names.Retry, names.GroupQueue(group), properties);
    }

    /// <summary>The copy that makes it a dead letter of <paramref name="group"/>, for the server to record.</summary>
    public FailureCopy DeadLetterCopy(AmqpNames names, string group, DateTimeOffset deadAt, string failure)
    {
        ArgumentNullException.ThrowIfNull(names);
        var properties = CopyProperties(Attempt, failure);
        properties.Headers![MessageHeaders.Group] = group;
        properties.Headers[MessageHeaders.Attempts] = Attempt;
        properties.Headers[MessageHeaders.DeadAt] = deadAt.ToUnixTimeMilliseconds();
        return new FailureCopy(string.Empty, names.DeadLetters, properties);
    }

    private BasicProperties CopyProperties(int attempt, string failure)
    {
        var properties = MessageProperties.Create(MsgId, TaskId, Name, FireTime, attempt, Ack, Lease);
        properties.Headers![MessageHeaders.LastError] = failure;
        properties.ContentType = ContentType;
        properties.ContentEncoding = ContentEncoding;
        return properties;
    }
}

/// <summary>A copy of a failed message, and where to publish it (persistent, mandatory, confirmed before the original is acked).</summary>
internal sealed record FailureCopy(string Exchange, string RoutingKey, BasicProperties Properties);
