using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of <c>GET /v1/api/overview</c>.</summary>
internal sealed class OverviewResponse
{
    [JsonPropertyName("storage")] public string? Storage { get; init; }
    [JsonPropertyName("delivery")] public string? Delivery { get; init; }
    [JsonPropertyName("counted_at_ms")] public long CountedAtMs { get; init; }
    [JsonPropertyName("tasks")] public List<TaskCountDto>? Tasks { get; init; }
    [JsonPropertyName("groups")] public List<GroupBacklogDto>? Groups { get; init; }
    [JsonPropertyName("unrouted_fires")] public long? UnroutedFires { get; init; }
    [JsonPropertyName("unpublished_fires")] public long? UnpublishedFires { get; init; }
    [JsonPropertyName("instances")] public List<InstanceDto>? Instances { get; init; }
    [JsonPropertyName("fires_per_minute")] public MinuteCountsDto? FiresPerMinute { get; init; }
    [JsonPropertyName("scope")] public ScopeDto? Scope { get; init; }
}

/// <summary>A scoped key's patterns.</summary>
internal sealed class ScopeDto
{
    [JsonPropertyName("tasks")] public List<string>? Tasks { get; init; }
    [JsonPropertyName("groups")] public List<string>? Groups { get; init; }
}

/// <summary>How many tasks of one type are in one state.</summary>
internal sealed class TaskCountDto
{
    [JsonPropertyName("type")] public int Type { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("count")] public long Count { get; init; }
}

/// <summary>A consumer group's messages by state.</summary>
internal sealed class GroupBacklogDto
{
    [JsonPropertyName("group")] public string? Group { get; init; }
    [JsonPropertyName("ready")] public long Ready { get; init; }
    [JsonPropertyName("leased")] public long Leased { get; init; }
    [JsonPropertyName("dead")] public long Dead { get; init; }
}

/// <summary>One server instance.</summary>
internal sealed class InstanceDto
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("host")] public string? Host { get; init; }
    [JsonPropertyName("pid")] public int ProcessId { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("started_at_ms")] public long StartedAtMs { get; init; }
    [JsonPropertyName("seen_at_ms")] public long SeenAtMs { get; init; }
    [JsonPropertyName("health")] public string? Health { get; init; }
    [JsonPropertyName("alive")] public bool Alive { get; init; }
    [JsonPropertyName("self")] public bool Self { get; init; }
}

/// <summary>Counts per minute from a first minute on.</summary>
internal sealed class MinuteCountsDto
{
    [JsonPropertyName("first_minute_ms")] public long FirstMinuteMs { get; init; }
    [JsonPropertyName("counts")] public List<long>? Counts { get; init; }
}
