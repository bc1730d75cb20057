using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of <c>POST /v1/api/tasks/{id}/trigger</c>.</summary>
internal sealed class TriggerResponse
{
    [JsonPropertyName("taskid")] public string? TaskId { get; init; }
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("fire_time_ms")] public long FireTimeMs { get; init; }
}
