using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>The batch's tasks in the order sent: each one's id, and whether it was created or an equal live task was found.</summary>
internal sealed record AddTasksResponse([property: JsonPropertyName("tasks")] IReadOnlyList<AddedTaskResponse> Tasks);

internal sealed record AddedTaskResponse(
    [property: JsonPropertyName("taskid")] string TaskId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("created")] bool Created);
