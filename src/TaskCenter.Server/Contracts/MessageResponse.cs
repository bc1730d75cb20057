using System.Text.Json.Serialization;
using TaskCenter.Core.Queue;

namespace TaskCenter.Server.Contracts;

public sealed record MessageResponse
{
    [JsonPropertyName("msgid")] public required string MsgId { get; init; }
    [JsonPropertyName("taskid")] public required string TaskId { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("data")] public required string Data { get; init; }
    [JsonPropertyName("fire_time")] public required long FireTime { get; init; }
    [JsonPropertyName("attempt")] public required int Attempt { get; init; }
    [JsonPropertyName("ack")] public required bool Ack { get; init; }
    [JsonPropertyName("lease_until")] public required long LeaseUntil { get; init; }

    public static MessageResponse From(QueueMessage message) => new()
    {
        MsgId = message.MsgId,
        TaskId = message.TaskId,
        Name = message.Name,
        Data = message.Data,
        FireTime = message.FireTime.ToUnixTimeSeconds(),
        Attempt = message.Attempt,
        Ack = message.Ack,
        LeaseUntil = message.LeaseUntil.ToUnixTimeSeconds(),
    };
}

public sealed record ConsumeResponse([property: JsonPropertyName("messages")] IReadOnlyList<MessageResponse> Messages);
