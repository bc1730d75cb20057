using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace TaskCenter.Testing;

/// <summary>
/// A consumer group's queue on a test broker (<c>&lt;exchange&gt;.group.&lt;group&gt;</c>, docs/rabbitmq.md), looked at
/// with a plain AMQP client: whether a consumer reads it, and what it still holds.
/// </summary>
public static class GroupQueues
{
    private const ushort NotFound = 404;

    public static string Name(RabbitMqEndpoint endpoint, string group) => $"{endpoint.Exchange}.group.{group}";

    /// <summary>Waits until a consumer reads the group's queue: the queue then exists, bound to that consumer's tags.</summary>
    public static async Task WaitUntilConsumedAsync(RabbitMqEndpoint endpoint, string group)
    {
        await using var connection = await ConnectAsync(endpoint);
        await Waiting.PollAsync(() => StateAsync(connection, endpoint, group), state => state is { Consumers: > 0 });
    }

    /// <summary>
    /// The messages left in the group's queue once no consumer reads it any more: a stopped consumer's unacked messages
    /// are back in the queue only when the broker has seen its channel close.
    /// </summary>
    public static async Task<uint> CountLeftAsync(RabbitMqEndpoint endpoint, string group)
    {
        await using var connection = await ConnectAsync(endpoint);
        var state = await Waiting.PollAsync(() => StateAsync(connection, endpoint, group), state => state is null or { Consumers: 0 });
        return state?.Messages ?? throw new InvalidOperationException($"group {group} has no queue on the broker");
    }

    /// <summary>Takes (and acks) the next message that arrives in the group's queue, and returns its task id.</summary>
    public static async Task<string> TakeTaskIdAsync(RabbitMqEndpoint endpoint, string group)
    {
        await using var connection = await ConnectAsync(endpoint);
        await using var channel = await connection.CreateChannelAsync();
        var message = await Waiting.PollAsync(() => channel.BasicGetAsync(Name(endpoint, group), autoAck: true), got => got is not null);
        return message!.BasicProperties.Headers?["taskid"] is byte[] taskId
            ? Encoding.UTF8.GetString(taskId)
            : throw new InvalidOperationException("the message has no taskid header");
    }

    private static Task<IConnection> ConnectAsync(RabbitMqEndpoint endpoint) =>
        new ConnectionFactory { Uri = endpoint.Uri }.CreateConnectionAsync();

    /// <summary>The queue's ready messages and consumers; <see langword="null"/> while it is not declared.</summary>
    private static async Task<QueueState?> StateAsync(IConnection connection, RabbitMqEndpoint endpoint, string group)
    {
        // A passive declare of a missing queue closes its channel: one channel per look.
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var queue = await channel.QueueDeclarePassiveAsync(Name(endpoint, group));
            return new QueueState(queue.MessageCount, queue.ConsumerCount);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
        {
            return null;
        }
    }

    private sealed record QueueState(uint Messages, uint Consumers);
}
