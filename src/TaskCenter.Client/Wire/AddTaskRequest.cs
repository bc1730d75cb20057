using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Body of <c>POST /v1/api/task</c>; null members are omitted.</summary>
internal sealed class AddTaskRequest
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("type")] public required int Type { get; init; }
    [JsonPropertyName("data")] public required string Data { get; init; }
    [JsonPropertyName("crontab")] public string? Crontab { get; init; }
    [JsonPropertyName("loop_time")] public long? LoopTime { get; init; }
    [JsonPropertyName("loop_count")] public int? LoopCount { get; init; }
    [JsonPropertyName("start_time")] public long? StartTime { get; init; }
    [JsonPropertyName("end_time")] public long? EndTime { get; init; }
    [JsonPropertyName("max_runtime")] public long? MaxRuntime { get; init; }
    [JsonPropertyName("ack")] public bool? Ack { get; init; }
    [JsonPropertyName("timezone")] public string? TimeZone { get; init; }
}
