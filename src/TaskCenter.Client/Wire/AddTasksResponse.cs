using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of <c>POST /v1/api/tasks/batch</c>.</summary>
internal sealed class AddTasksResponse
{
    [JsonPropertyName("tasks")] public List<AddedTaskDto>? Tasks { get; init; }
}
