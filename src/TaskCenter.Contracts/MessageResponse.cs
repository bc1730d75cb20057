using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

internal sealed record MessageResponse
{
    [JsonPropertyName("msgid")] public required string MsgId { get; init; }
    [JsonPropertyName("taskid")] public required string TaskId { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("data")] public required string Data { get; init; }
    [JsonPropertyName("fire_time")] public required long FireTime { get; init; }
    [JsonPropertyName("attempt")] public required int Attempt { get; init; }
    [JsonPropertyName("ack")] public required bool Ack { get; init; }
    [JsonPropertyName("lease_until")] public required long LeaseUntil { get; init; }
}

internal sealed record ConsumeResponse([property: JsonPropertyName("messages")] IReadOnlyList<MessageResponse> Messages);
