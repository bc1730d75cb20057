using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of <c>GET /v1/api/tasks/{id}/next</c>.</summary>
internal sealed class NextFiresResponse
{
    [JsonPropertyName("timezone")] public string? TimeZone { get; init; }
    [JsonPropertyName("times_ms")] public List<long>? TimesMs { get; init; }
}
