using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Body of <c>POST /v1/api/delete-task</c>.</summary>
internal sealed class DeleteTasksRequest
{
    [JsonPropertyName("ids")] public required IReadOnlyList<string> Ids { get; init; }
}
