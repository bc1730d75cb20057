using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>What became of one fire in one consumer group.</summary>
internal sealed class FireDeliveryDto
{
    [JsonPropertyName("group")] public string? Group { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("attempts")] public int Attempts { get; init; }
    [JsonPropertyName("first_delivered_at_ms")] public long? FirstDeliveredAtMs { get; init; }
    [JsonPropertyName("lateness_ms")] public long? LatenessMs { get; init; }
    [JsonPropertyName("done_at_ms")] public long? DoneAtMs { get; init; }
    [JsonPropertyName("last_error")] public string? LastError { get; init; }
    [JsonPropertyName("available_at_ms")] public long? AvailableAtMs { get; init; }
}
