using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>One task of a batch add answer.</summary>
internal sealed class AddedTaskDto
{
    [JsonPropertyName("taskid")] public string? TaskId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("created")] public bool Created { get; init; }
}
