using TaskCenter.Core.Queue;
using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Transport.RabbitMq.GroupQueues;

/// <summary>
/// One delivery from a group's queue (<see cref="GroupQueueConsumer"/>), to be settled once: acked, failed (retried
/// through the delay queues or, its retries used up, dead-lettered, as docs/rabbitmq.md's steps 4 and 5 say), or
/// given back. Settled on a channel that closed meanwhile, nothing happens: the broker delivers the message again.
/// </summary>
public sealed class GroupDelivery
{
    private readonly GroupSettlement _settlement;
    private readonly ulong _deliveryTag;
    private readonly DeliveredFire _fire;
    private readonly byte[] _body;

    internal GroupDelivery(GroupSettlement settlement, ulong deliveryTag, DeliveredFire fire, byte[] body, DateTimeOffset leaseUntil)
    {
        _settlement = settlement;
        _deliveryTag = deliveryTag;
        _fire = fire;
        _body = body;
        Message = new QueueMessage
        {
            MsgId = fire.MsgId,
            TaskId = fire.TaskId,
            Name = fire.Name,
            Data = System.Text.Encoding.UTF8.GetString(body),
            FireTime = fire.FireTime,
            Attempt = fire.Attempt,
            LeaseUntil = leaseUntil,
            Ack = fire.Ack,
        };
    }

    /// <summary>The message, its attempt read from the delivery, leased from its arrival.</summary>
    public QueueMessage Message { get; }

    /// <summary>Handled: <c>basic.ack</c>.</summary>
    public Task AckAsync() => _settlement.AckAsync(_deliveryTag);

    /// <summary>
    /// Failed with <paramref name="failure"/>: retried after the delay of its attempt (<c>Queue:RetryDelays</c>), or at
    /// <paramref name="retryAt"/> when given (never before now), or, its retries used up (<c>Queue:MaxRetries</c>), made
    /// a dead letter; either way it counts as an attempt. The original is acked once the broker confirmed the copy;
    /// when the copy cannot be published the original is given back (<see cref="GiveBackAsync"/>) and the failure thrown.
    /// </summary>
    public Task<NackOutcome> FailAsync(string failure, DateTimeOffset? retryAt = null) =>
        _settlement.FailAsync(_deliveryTag, _fire, _body, failure, retryAt);

    /// <summary>Not handled (not even tried): back to the queue with <c>basic.nack</c>, requeue, its attempt not counted.</summary>
    public Task GiveBackAsync() => _settlement.GiveBackAsync(_deliveryTag);
}
