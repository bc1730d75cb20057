using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Client.RabbitMq.Internal;

/// <summary>One delivery from the group's queue, from its arrival until it is acked, retried or dead-lettered.</summary>
internal sealed class ReceivedMessage
{
    private ITimer? _leaseTimer;

    private ReceivedMessage(ConsumerSession session, ulong deliveryTag, BasicProperties properties, byte[] body, TaskMessage message)
    {
        Session = session;
        DeliveryTag = deliveryTag;
        Properties = properties;
        Body = body;
        Message = message;
    }

    /// <summary>The connection it arrived on: only there can it be acked.</summary>
    public ConsumerSession Session { get; }

    public ulong DeliveryTag { get; }

    /// <summary>A copy of its AMQP properties, for the copies that retry or dead-letter it.</summary>
    public BasicProperties Properties { get; }

    public byte[] Body { get; }

    /// <summary>The message as handed to the handler; its lease is set when it is handed out.</summary>
    public TaskMessage Message { get; private set; }

    /// <summary>The task's own lease (its max_runtime), when it set one.</summary>
    public TimeSpan? TaskLease => MessageHeaders.GetInt64(Properties.Headers, MessageHeaders.LeaseMs) is { } ms and > 0
        ? TimeSpan.FromMilliseconds(ms)
        : null;

    /// <summary>Reads a delivery; the event's body is only valid during the event, so it is copied.</summary>
    public static ReceivedMessage Read(ConsumerSession session, BasicDeliverEventArgs delivery, DateTimeOffset now)
    {
        var properties = new BasicProperties(delivery.BasicProperties);
        var headers = properties.Headers;
        var body = delivery.Body.ToArray();
        var fireTimeMs = MessageHeaders.GetInt64(headers, MessageHeaders.FireTime);
        var message = new TaskMessage
        {
            MsgId = properties.MessageId ?? $"{delivery.Exchange}:{delivery.RoutingKey}:{now.ToUnixTimeMilliseconds()}:{delivery.DeliveryTag}",
            TaskId = MessageHeaders.GetString(headers, MessageHeaders.TaskId) ?? string.Empty,
            Name = MessageHeaders.GetString(headers, MessageHeaders.Name) ?? delivery.RoutingKey,
            Data = Encoding.UTF8.GetString(body),
            FireTime = fireTimeMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : now,
            Attempt = (int)Math.Clamp(MessageHeaders.GetInt64(headers, MessageHeaders.Attempt) ?? 1, 1, int.MaxValue),
            RequiresExplicitAck = MessageHeaders.GetBoolean(headers, MessageHeaders.Ack),
        };
        return new ReceivedMessage(session, delivery.DeliveryTag, properties, body, message);
    }

    /// <summary>Hands the message out for <paramref name="lease"/>; <paramref name="onExpired"/> runs unless it is settled first.</summary>
    public TaskMessage HandOut(TimeSpan lease, TimeProvider time, Action<TaskMessage> onExpired)
    {
        var message = Message with { LeaseUntil = time.GetUtcNow() + lease };
        Message = message;
        _leaseTimer = time.CreateTimer(_ => onExpired(message), null, lease, Timeout.InfiniteTimeSpan);
        return message;
    }

    public void StopLease() => _leaseTimer?.Dispose();
}
