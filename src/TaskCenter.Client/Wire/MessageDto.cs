using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>One message of a consume answer.</summary>
internal sealed class MessageDto
{
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("taskid")] public string? TaskId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("data")] public string? Data { get; init; }
    [JsonPropertyName("fire_time")] public long FireTime { get; init; }
    [JsonPropertyName("attempt")] public int Attempt { get; init; }
    [JsonPropertyName("ack")] public bool Ack { get; init; }
    [JsonPropertyName("lease_until")] public long LeaseUntil { get; init; }
}
