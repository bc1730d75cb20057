using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Body of <c>POST /v1/api/consume</c>.</summary>
internal sealed class ConsumeRequestDto
{
    [JsonPropertyName("group")] public required string Group { get; init; }
    [JsonPropertyName("tags")] public string? Tags { get; init; }
    [JsonPropertyName("max")] public int Max { get; init; }
    [JsonPropertyName("wait_ms")] public long WaitMs { get; init; }
    [JsonPropertyName("lease_ms")] public long? LeaseMs { get; init; }
}
