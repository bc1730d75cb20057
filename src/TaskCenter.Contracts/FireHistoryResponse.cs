using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>
/// A page of a task's fires, latest first; pass <see cref="Next"/> as <c>before</c> for older ones (null on the last
/// page). <see cref="MaxAttempts"/>: the deliveries the built-in queue gives a message (Queue:MaxRetries + 1); null when
/// a broker delivers, whose consumers set their own.
/// </summary>
internal sealed record FireHistoryResponse(
    [property: JsonPropertyName("fires")] IReadOnlyList<FireResponse> Fires,
    [property: JsonPropertyName("next")] long? Next,
    [property: JsonPropertyName("max_attempts")] int? MaxAttempts);

internal sealed record FireResponse
{
    [JsonPropertyName("msgid")] public required string MsgId { get; init; }
    [JsonPropertyName("fire_time_ms")] public required long FireTimeMs { get; init; }
    [JsonPropertyName("recorded_at_ms")] public required long RecordedAtMs { get; init; }
    [JsonPropertyName("published_at_ms")] public required long? PublishedAtMs { get; init; }
    [JsonPropertyName("unrouted")] public required bool Unrouted { get; init; }
    [JsonPropertyName("unpublished")] public required bool Unpublished { get; init; }
    [JsonPropertyName("deliveries")] public required IReadOnlyList<FireDeliveryResponse> Deliveries { get; init; }
}

internal sealed record FireDeliveryResponse
{
    [JsonPropertyName("group")] public required string Group { get; init; }

    /// <summary>ready, leased, acked or dead.</summary>
    [JsonPropertyName("state")] public required string State { get; init; }
    [JsonPropertyName("attempts")] public required int Attempts { get; init; }
    [JsonPropertyName("first_delivered_at_ms")] public required long? FirstDeliveredAtMs { get; init; }

    /// <summary>First delivery − fire time: how late the consumer got it.</summary>
    [JsonPropertyName("lateness_ms")] public required long? LatenessMs { get; init; }
    [JsonPropertyName("done_at_ms")] public required long? DoneAtMs { get; init; }
    [JsonPropertyName("last_error")] public required string? LastError { get; init; }

    /// <summary>When a consumer can have it next: the retry time while ready, the lease's end while leased; null once acked or dead.</summary>
    [JsonPropertyName("available_at_ms")] public required long? AvailableAtMs { get; init; }

    /// <summary>A push group's requests for this fire, first attempt first; absent for a group whose consumers pull.</summary>
    [JsonPropertyName("pushes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<PushAttemptResponse>? Pushes { get; init; }
}
