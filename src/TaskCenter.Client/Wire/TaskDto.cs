using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>The task object of the query calls.</summary>
internal sealed class TaskDto
{
    [JsonPropertyName("_id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("type")] public int Type { get; init; }
    [JsonPropertyName("data")] public string? Data { get; init; }
    [JsonPropertyName("crontab")] public string? Crontab { get; init; }
    [JsonPropertyName("loop_time")] public long LoopTime { get; init; }
    [JsonPropertyName("loop_count")] public int LoopCount { get; init; }
    [JsonPropertyName("start_time")] public long StartTime { get; init; }
    [JsonPropertyName("end_time")] public long EndTime { get; init; }
    [JsonPropertyName("created_at")] public long CreatedAt { get; init; }
    [JsonPropertyName("timezone")] public string? TimeZone { get; init; }
    [JsonPropertyName("max_runtime")] public long MaxRuntime { get; init; }
    [JsonPropertyName("ack")] public bool Ack { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("fired_count")] public long FiredCount { get; init; }
    [JsonPropertyName("next_fire_at")] public long? NextFireAt { get; init; }
    [JsonPropertyName("next_fire_at_ms")] public long? NextFireAtMs { get; init; }
}
