using System.Text;
using RabbitMQ.Client;
using TaskCenter.Core.Queue;
using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Transport.RabbitMq.DeadLetters;

/// <summary>Reads a message of the dead-letter queue, as a consumer in any language may have written it (docs/rabbitmq.md).</summary>
internal static class DeadLetterReader
{
    /// <summary>The group of a dead letter that names none, so it is still kept and listed.</summary>
    public const string UnknownGroup = "unknown";

    public static DeadLetter Read(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, string routingKey, DateTimeOffset now)
    {
        var headers = properties.Headers;
        var fireTimeMs = MessageHeaders.GetInt64(headers, MessageHeaders.FireTime);
        var deadAtMs = MessageHeaders.GetInt64(headers, MessageHeaders.DeadAt);
        return new DeadLetter
        {
            Group = NonEmpty(MessageHeaders.GetString(headers, MessageHeaders.Group)) ?? UnknownGroup,
            MsgId = NonEmpty(properties.MessageId) ?? $"dead-{now.ToUnixTimeMilliseconds()}-{Guid.NewGuid():N}",
            TaskId = MessageHeaders.GetString(headers, MessageHeaders.TaskId) ?? string.Empty,
            Name = NonEmpty(MessageHeaders.GetString(headers, MessageHeaders.Name)) ?? routingKey,
            Data = Encoding.UTF8.GetString(body.Span),
            FireTime = fireTimeMs is { } fire ? DateTimeOffset.FromUnixTimeMilliseconds(fire) : now,
            Attempts = (int)Math.Clamp(
                MessageHeaders.GetInt64(headers, MessageHeaders.Attempts) ?? MessageHeaders.GetInt64(headers, MessageHeaders.Attempt) ?? 1,
                1,
                int.MaxValue),
            LastError = MessageHeaders.GetString(headers, MessageHeaders.LastError),
            DeadAt = deadAtMs is { } dead ? DateTimeOffset.FromUnixTimeMilliseconds(dead) : now,
        };
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
