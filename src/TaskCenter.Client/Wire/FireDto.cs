using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>One fire of a fire history answer.</summary>
internal sealed class FireDto
{
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("fire_time_ms")] public long FireTimeMs { get; init; }
    [JsonPropertyName("recorded_at_ms")] public long RecordedAtMs { get; init; }
    [JsonPropertyName("published_at_ms")] public long? PublishedAtMs { get; init; }
    [JsonPropertyName("unrouted")] public bool Unrouted { get; init; }
    [JsonPropertyName("unpublished")] public bool Unpublished { get; init; }
    [JsonPropertyName("deliveries")] public List<FireDeliveryDto>? Deliveries { get; init; }
}
