using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of both delete calls.</summary>
internal sealed class DeleteTasksResponse
{
    [JsonPropertyName("SucIds")] public List<string>? SucIds { get; init; }
}
