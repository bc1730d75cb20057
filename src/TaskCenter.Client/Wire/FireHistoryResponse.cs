using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of <c>GET /v1/api/tasks/{id}/fires</c>.</summary>
internal sealed class FireHistoryResponse
{
    [JsonPropertyName("fires")] public List<FireDto>? Fires { get; init; }
    [JsonPropertyName("next")] public long? Next { get; init; }
    [JsonPropertyName("max_attempts")] public int? MaxAttempts { get; init; }
}
