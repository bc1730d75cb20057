namespace TaskCenter.Core.Tasks;

/// <summary>Where a task is in its life. Stored and sent as the lowercase name.</summary>
public enum TaskState
{
    /// <summary>Accepted, not fired yet.</summary>
    Pending,

    /// <summary>Fired at least once and will fire again.</summary>
    Active,

    /// <summary>Held by an operator; does not fire until resumed.</summary>
    Paused,

    /// <summary>Can fire no more (one-shot done, loop_count reached, end_time passed). Kept for querying until purged.</summary>
    Finished,
}
