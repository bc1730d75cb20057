using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>
/// The dashboard's first page: what is stored, what waits for delivery, which push targets fail, which instances run,
/// how much fired. For a scoped key, its tasks and groups only; the server-wide figures (unrouted and unpublished fires, instances, fires per
/// minute) are null.
/// </summary>
internal sealed record OverviewResponse
{
    [JsonPropertyName("storage")] public required string Storage { get; init; }
    [JsonPropertyName("delivery")] public required string Delivery { get; init; }

    /// <summary>When the counts were taken (they are refreshed every few seconds, not per request).</summary>
    [JsonPropertyName("counted_at_ms")] public required long CountedAtMs { get; init; }
    [JsonPropertyName("tasks")] public required IReadOnlyList<TaskCountResponse> Tasks { get; init; }
    [JsonPropertyName("groups")] public required IReadOnlyList<GroupBacklogResponse> Groups { get; init; }

    /// <summary>The push groups by name, with how pushing to each goes as the answering server instance sees it.</summary>
    [JsonPropertyName("push_groups")] public required IReadOnlyList<PushGroupStatusResponse> PushGroups { get; init; }
    [JsonPropertyName("unrouted_fires")] public required long? UnroutedFires { get; init; }
    [JsonPropertyName("unpublished_fires")] public required long? UnpublishedFires { get; init; }
    [JsonPropertyName("instances")] public required IReadOnlyList<InstanceResponse>? Instances { get; init; }
    [JsonPropertyName("fires_per_minute")] public required MinuteCountsResponse? FiresPerMinute { get; init; }

    /// <summary>The key's scopes when it has any: the figures above cover only these.</summary>
    [JsonPropertyName("scope")] public required ScopeResponse? Scope { get; init; }
}

/// <summary>A scoped key's patterns of task names and of consumer groups.</summary>
internal sealed record ScopeResponse(
    [property: JsonPropertyName("tasks")] IReadOnlyList<string> Tasks,
    [property: JsonPropertyName("groups")] IReadOnlyList<string> Groups);

internal sealed record TaskCountResponse(
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("count")] long Count);

internal sealed record GroupBacklogResponse(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("ready")] long Ready,
    [property: JsonPropertyName("leased")] long Leased,
    [property: JsonPropertyName("dead")] long Dead);

/// <summary>A push group's target and its circuit, as in <see cref="PushTargetResponse"/>.</summary>
internal sealed record PushGroupStatusResponse(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("circuit")] string Circuit,
    [property: JsonPropertyName("last_error")] string? LastError);

internal sealed record InstanceResponse
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("host")] public required string Host { get; init; }
    [JsonPropertyName("pid")] public required int ProcessId { get; init; }
    [JsonPropertyName("version")] public required string Version { get; init; }
    [JsonPropertyName("started_at_ms")] public required long StartedAtMs { get; init; }
    [JsonPropertyName("seen_at_ms")] public required long SeenAtMs { get; init; }
    [JsonPropertyName("health")] public required string Health { get; init; }

    /// <summary>Seen within the last few heartbeats.</summary>
    [JsonPropertyName("alive")] public required bool Alive { get; init; }

    /// <summary>This server, the one answering.</summary>
    [JsonPropertyName("self")] public required bool Self { get; init; }
}

/// <summary>Counts per minute: counts[i] is the minute starting at first_minute_ms + i × 60 000.</summary>
internal sealed record MinuteCountsResponse(
    [property: JsonPropertyName("first_minute_ms")] long FirstMinuteMs,
    [property: JsonPropertyName("counts")] IReadOnlyList<long> Counts);
