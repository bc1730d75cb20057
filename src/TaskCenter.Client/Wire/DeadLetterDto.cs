using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>One dead letter.</summary>
internal sealed class DeadLetterDto
{
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("taskid")] public string? TaskId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("data")] public string? Data { get; init; }
    [JsonPropertyName("fire_time")] public long FireTime { get; init; }
    [JsonPropertyName("attempts")] public int Attempts { get; init; }
    [JsonPropertyName("last_error")] public string? LastError { get; init; }
    [JsonPropertyName("dead_at")] public long DeadAt { get; init; }
}
