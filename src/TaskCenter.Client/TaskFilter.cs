namespace TaskCenter.Client;

/// <summary>Which tasks <see cref="TaskCenterClient.ListTasksAsync"/> lists; unset (<see langword="null"/>) criteria match every task.</summary>
public sealed record TaskFilter
{
    /// <summary>Only tasks with exactly this name (wire <c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Only tasks whose name starts with this (wire <c>name_prefix</c>).</summary>
    public string? NamePrefix { get; init; }

    /// <summary>Only tasks of this type (wire <c>type</c>).</summary>
    public TaskType? Type { get; init; }

    /// <summary>Only tasks in this state (wire <c>state</c>); <see cref="TaskState.Unknown"/> is refused.</summary>
    public TaskState? State { get; init; }
}
