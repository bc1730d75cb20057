using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

internal sealed record AddTaskResponse(
    [property: JsonPropertyName("taskid")] string TaskId,
    [property: JsonPropertyName("name")] string Name);
