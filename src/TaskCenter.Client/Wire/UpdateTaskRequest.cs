using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Body of <c>PATCH /v1/api/tasks/{id}</c>; null members are omitted (unchanged).</summary>
internal sealed class UpdateTaskRequest
{
    [JsonPropertyName("data")] public string? Data { get; init; }
    [JsonPropertyName("crontab")] public string? Crontab { get; init; }
    [JsonPropertyName("loop_time")] public long? LoopTime { get; init; }
    [JsonPropertyName("loop_count")] public int? LoopCount { get; init; }
    [JsonPropertyName("start_time")] public long? StartTime { get; init; }
    [JsonPropertyName("end_time")] public long? EndTime { get; init; }
    [JsonPropertyName("timezone")] public string? TimeZone { get; init; }
    [JsonPropertyName("max_runtime")] public long? MaxRuntime { get; init; }
    [JsonPropertyName("ack")] public bool? Ack { get; init; }
}
