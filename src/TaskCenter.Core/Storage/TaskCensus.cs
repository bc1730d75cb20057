using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>What storage holds right now, counted: tasks by type and state, and each consumer group's backlog.</summary>
public sealed record TaskCensus
{
    /// <summary>Only the (type, state) pairs that have tasks.</summary>
    public required IReadOnlyList<TaskCount> Tasks { get; init; }

    /// <summary>Every consumer group of the built-in queue, and every group holding dead letters, by name.</summary>
    public required IReadOnlyList<GroupBacklog> Groups { get; init; }

    /// <summary>Fires kept for tags no group subscribes to.</summary>
    public required long UnroutedFires { get; init; }

    /// <summary>Fires waiting in the outbox for an external transport.</summary>
    public required long UnpublishedFires { get; init; }
}

public sealed record TaskCount(TaskType Type, TaskState State, long Count);

/// <summary>A group's deliveries: waiting (ready, including retries in their delay), held by a consumer, dead.</summary>
public sealed record GroupBacklog(string Group, long Ready, long Leased, long Dead);
