using System.Text;
using RabbitMQ.Client.Events;
using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Client.RabbitMq.Internal;

/// <summary>One delivery from the group's queue, from its arrival until it is acked, retried or dead-lettered.</summary>
internal sealed class ReceivedMessage
{
    private ITimer? _leaseTimer;

    private ReceivedMessage(ConsumerSession session, ulong deliveryTag, DeliveredFire fire, byte[] body, TaskMessage message)
    {
        Session = session;
        DeliveryTag = deliveryTag;
        Fire = fire;
        Body = body;
        Message = message;
    }

    /// <summary>The connection it arrived on: only there can it be acked.</summary>
    public ConsumerSession Session { get; }

    public ulong DeliveryTag { get; }

    /// <summary>The fire as delivered, for the copies that retry or dead-letter it.</summary>
    public DeliveredFire Fire { get; }

    public byte[] Body { get; }

    /// <summary>The message as handed to the handler; its lease is set when it is handed out.</summary>
    public TaskMessage Message { get; private set; }

    /// <summary>Reads a delivery; the event's body is only valid during the event, so it is copied.</summary>
    public static ReceivedMessage Read(ConsumerSession session, BasicDeliverEventArgs delivery, DateTimeOffset now)
    {
        var fire = DeliveredFire.Read(delivery.BasicProperties, delivery.Exchange, delivery.RoutingKey, delivery.DeliveryTag, now);
        var body = delivery.Body.ToArray();
        var message = new TaskMessage
        {
            MsgId = fire.MsgId,
            TaskId = fire.TaskId,
            Name = fire.Name,
            Data = Encoding.UTF8.GetString(body),
            FireTime = fire.FireTime,
            Attempt = fire.Attempt,
            RequiresExplicitAck = fire.Ack,
        };
        return new ReceivedMessage(session, delivery.DeliveryTag, fire, body, message);
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
