using System.Text;
using RabbitMQ.Client;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Transport.RabbitMq.Publishing;

/// <summary>A message about to be published: where to, its properties and its body.</summary>
internal sealed record OutgoingMessage(string Exchange, string RoutingKey, BasicProperties Properties, ReadOnlyMemory<byte> Body)
{
    /// <summary>A fire's first delivery: to the topic exchange, routed by the task's name.</summary>
    public static OutgoingMessage ForFire(AmqpNames names, FireRecord fire) => new(
        names.Exchange,
        fire.Name,
        MessageProperties.Create(fire.MsgId, fire.TaskId, fire.Name, fire.FireTime, attempt: 1, fire.Ack, fire.Lease),
        Encoding.UTF8.GetBytes(fire.Data));

    /// <summary>A redriven dead letter: back to its group's queue only, through the retry exchange, with a fresh retry budget.</summary>
    public static OutgoingMessage ForRedrive(AmqpNames names, DeadLetter letter) => new(
        names.Retry,
        names.GroupQueue(letter.Group),
        MessageProperties.Create(letter.MsgId, letter.TaskId, letter.Name, letter.FireTime, attempt: 1, ack: false, lease: null),
        Encoding.UTF8.GetBytes(letter.Data));
}
