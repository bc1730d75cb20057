using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>A consumer group of the built-in queue: its subscription, who made it, and its backlog as last counted.</summary>
internal sealed record GroupResponse
{
    [JsonPropertyName("group")] public required string Group { get; init; }

    /// <summary>The canonical tag expression; empty when its stored subscription went over the limits (it matches nothing).</summary>
    [JsonPropertyName("subscription")] public required string Subscription { get; init; }

    /// <summary>The name of the API key that made the group; null when it was made without keys.</summary>
    [JsonPropertyName("owner")] public required string? Owner { get; init; }

    [JsonPropertyName("subscribed_at_ms")] public required long SubscribedAtMs { get; init; }
    [JsonPropertyName("ready")] public required long Ready { get; init; }
    [JsonPropertyName("leased")] public required long Leased { get; init; }
    [JsonPropertyName("dead")] public required long Dead { get; init; }
}

/// <summary>A page of groups by name; <see cref="Next"/> is the <c>after</c> of the next page, absent on the last one.</summary>
internal sealed record GroupsResponse(
    [property: JsonPropertyName("groups")] IReadOnlyList<GroupResponse> Groups,
    [property: JsonPropertyName("counted_at_ms")] long CountedAtMs,
    [property: JsonPropertyName("next"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Next = null);

/// <summary>What deleting a group removed.</summary>
internal sealed record GroupRemovedResponse(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("subscription")] string? Subscription,
    [property: JsonPropertyName("pending")] long Pending,
    [property: JsonPropertyName("dead_letters")] long DeadLetters);
