using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>A task on the wire: the seed's fields (unset times are 0, as the original sent them) plus what users need to see.</summary>
internal sealed record TaskResponse
{
    [JsonPropertyName("_id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("type")] public required int Type { get; init; }
    [JsonPropertyName("data")] public required string Data { get; init; }
    [JsonPropertyName("crontab")] public required string Crontab { get; init; }
    [JsonPropertyName("loop_time")] public required long LoopTime { get; init; }
    [JsonPropertyName("loop_count")] public required long LoopCount { get; init; }
    [JsonPropertyName("start_time")] public required long StartTime { get; init; }
    [JsonPropertyName("end_time")] public required long EndTime { get; init; }
    [JsonPropertyName("created_at")] public required long CreatedAt { get; init; }
    [JsonPropertyName("timezone")] public required string TimeZone { get; init; }
    [JsonPropertyName("max_runtime")] public required long MaxRuntime { get; init; }
    [JsonPropertyName("ack")] public required bool Ack { get; init; }
    [JsonPropertyName("state")] public required string State { get; init; }
    [JsonPropertyName("fired_count")] public required long FiredCount { get; init; }
    [JsonPropertyName("next_fire_at")] public required long? NextFireAt { get; init; }
    [JsonPropertyName("next_fire_at_ms")] public required long? NextFireAtMs { get; init; }
}
