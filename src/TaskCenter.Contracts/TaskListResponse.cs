using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>A page of tasks; pass <see cref="Next"/> as <c>after</c> for the next page (null on the last).</summary>
internal sealed record TaskListResponse(
    [property: JsonPropertyName("tasks")] IReadOnlyList<TaskResponse> Tasks,
    [property: JsonPropertyName("next")] string? Next);
