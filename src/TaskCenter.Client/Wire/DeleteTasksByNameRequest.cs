using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Body of <c>POST /v1/api/delete-task-by-name</c>.</summary>
internal sealed class DeleteTasksByNameRequest
{
    [JsonPropertyName("name")] public required string Name { get; init; }
}
