namespace TaskCenter.Client;

/// <summary>The state of a TaskCenter deployment, as <see cref="TaskCenterClient.GetOverviewAsync"/> returns it.</summary>
public sealed record TaskCenterOverview
{
    /// <summary>The storage backend: <c>Sqlite</c> or <c>Postgres</c> (wire <c>storage</c>).</summary>
    public required string Storage { get; init; }

    /// <summary>How fires are delivered: <c>BuiltIn</c> or <c>RabbitMq</c> (wire <c>delivery</c>).</summary>
    public required string Delivery { get; init; }

    /// <summary>When the counts were taken; the server refreshes them every few seconds (wire <c>counted_at_ms</c>).</summary>
    public DateTimeOffset CountedAt { get; init; }

    /// <summary>How many tasks there are per type and state (wire <c>tasks</c>).</summary>
    public IReadOnlyList<TaskCount> Tasks { get; init; } = [];

    /// <summary>Each consumer group's messages by state (wire <c>groups</c>).</summary>
    public IReadOnlyList<GroupBacklog> Groups { get; init; } = [];

    /// <summary>
    /// The push groups by name, with their targets and whether the server instance that answered is pushing to them
    /// (wire <c>push_groups</c>).
    /// </summary>
    public IReadOnlyList<PushGroupStatus> PushGroups { get; init; } = [];

    /// <summary>Fires no consumer group was subscribed to (wire <c>unrouted_fires</c>); null for a scoped key.</summary>
    public long? UnroutedFires { get; init; }

    /// <summary>Fires not published to the broker yet (wire <c>unpublished_fires</c>); null for a scoped key.</summary>
    public long? UnpublishedFires { get; init; }

    /// <summary>The server instances sharing the storage (wire <c>instances</c>); empty for a scoped key.</summary>
    public IReadOnlyList<InstanceInfo> Instances { get; init; } = [];

    /// <summary>
    /// Fires per minute over the last minutes, all instances summed, oldest first (wire <c>fires_per_minute</c>); empty
    /// for a scoped key.
    /// </summary>
    public IReadOnlyList<MinuteCount> FiresPerMinute { get; init; } = [];

    /// <summary>
    /// The patterns of task names and consumer groups of the API key the overview was asked with, when it is scoped:
    /// <see cref="Tasks"/> and <see cref="Groups"/> cover only these (wire <c>scope</c>); null for a key without scopes.
    /// </summary>
    public KeyScope? Scope { get; init; }
}

/// <summary>What a scoped API key may touch.</summary>
/// <param name="Tasks">Patterns of the task names it may use: a name, or a prefix ending in <c>*</c>.</param>
/// <param name="Groups">Patterns of the consumer groups it may use.</param>
public sealed record KeyScope(IReadOnlyList<string> Tasks, IReadOnlyList<string> Groups);

/// <summary>How many tasks of <paramref name="Type"/> are in <paramref name="State"/>.</summary>
/// <param name="Type">The task type.</param>
/// <param name="State">The task state.</param>
/// <param name="Count">How many.</param>
public sealed record TaskCount(TaskType Type, TaskState State, long Count);

/// <summary>A consumer group's messages by state.</summary>
/// <param name="Group">The consumer group.</param>
/// <param name="Ready">Messages waiting to be consumed.</param>
/// <param name="Leased">Messages handed to a consumer and not settled yet.</param>
/// <param name="Dead">Dead letters.</param>
public sealed record GroupBacklog(string Group, long Ready, long Leased, long Dead);

/// <summary>A push group's target and how pushing to it goes, as the server instance that answered sees it.</summary>
/// <param name="Group">The push group.</param>
/// <param name="Url">The address its messages are POSTed to.</param>
/// <param name="Circuit">Whether that instance is pushing to it.</param>
/// <param name="LastError">The last failed push's error; <see langword="null"/> after a success.</param>
public sealed record PushGroupStatus(string Group, Uri Url, CircuitState Circuit, string? LastError);

/// <summary>How many fires there were in the minute starting at <paramref name="Minute"/>.</summary>
/// <param name="Minute">The start of the minute.</param>
/// <param name="Count">The fires in it.</param>
public sealed record MinuteCount(DateTimeOffset Minute, long Count);

/// <summary>One server instance, as its heartbeats describe it.</summary>
public sealed record InstanceInfo
{
    /// <summary>The instance id (wire <c>id</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The host it runs on (wire <c>host</c>).</summary>
    public string Host { get; init; } = string.Empty;

    /// <summary>Its process id (wire <c>pid</c>).</summary>
    public int ProcessId { get; init; }

    /// <summary>Its version (wire <c>version</c>).</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>When it started (wire <c>started_at_ms</c>).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Its last heartbeat (wire <c>seen_at_ms</c>).</summary>
    public DateTimeOffset SeenAt { get; init; }

    /// <summary>Its health as it last reported it (wire <c>health</c>).</summary>
    public string Health { get; init; } = string.Empty;

    /// <summary>Seen within the last few heartbeats (wire <c>alive</c>).</summary>
    public bool Alive { get; init; }

    /// <summary>The instance that answered the request (wire <c>self</c>).</summary>
    public bool IsSelf { get; init; }
}
