using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of <c>POST /v1/api/task</c>.</summary>
internal sealed class AddTaskResponse
{
    [JsonPropertyName("taskid")] public string? TaskId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
}
