using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Body of <c>POST /v1/api/tasks/batch</c>.</summary>
internal sealed class AddTasksRequest
{
    [JsonPropertyName("tasks")] public required IReadOnlyList<AddTaskRequest> Tasks { get; init; }
}
