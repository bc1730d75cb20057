using System.Globalization;
using RabbitMQ.Client;

namespace TaskCenter.RabbitMq.Contract;

/// <summary>The AMQP properties of a TaskCenter message: persistent, message_id = msgid, and the headers of docs/rabbitmq.md.</summary>
internal static class MessageProperties
{
    /// <summary>The properties of one delivery attempt of a fire; the body is the task's data as UTF-8, as sent.</summary>
    public static BasicProperties Create(
        string msgId, string taskId, string name, DateTimeOffset fireTime, int attempt, bool ack, TimeSpan? lease)
    {
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [MessageHeaders.TaskId] = taskId,
            [MessageHeaders.Name] = name,
            [MessageHeaders.FireTime] = fireTime.ToUnixTimeMilliseconds(),
            [MessageHeaders.FireTimeIso] = fireTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            [MessageHeaders.Attempt] = attempt,
            [MessageHeaders.Ack] = ack,
        };
        if (lease is { } taskLease)
        {
            headers[MessageHeaders.LeaseMs] = (long)taskLease.TotalMilliseconds;
        }

        return new BasicProperties
        {
            MessageId = msgId,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(fireTime.ToUnixTimeSeconds()),
            Headers = headers,
        };
    }
}
