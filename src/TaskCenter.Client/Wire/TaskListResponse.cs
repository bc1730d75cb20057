using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of <c>GET /v1/api/tasks</c>.</summary>
internal sealed class TaskListResponse
{
    [JsonPropertyName("tasks")] public List<TaskDto>? Tasks { get; init; }
    [JsonPropertyName("next")] public string? Next { get; init; }
}
