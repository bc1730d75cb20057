using System.Text.Json.Serialization;

namespace TaskCenter.Server.Contracts;

public sealed record AddTaskResponse(
    [property: JsonPropertyName("taskid")] string TaskId,
    [property: JsonPropertyName("name")] string Name);
