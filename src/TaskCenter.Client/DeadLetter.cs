namespace TaskCenter.Client;

/// <summary>A message that ran out of attempts, as listed by <see cref="TaskCenterClient.GetDeadLettersAsync"/>.</summary>
public sealed record DeadLetter
{
    /// <summary>The message id (wire <c>msgid</c>).</summary>
    public required string MsgId { get; init; }

    /// <summary>The id of the task that fired (wire <c>taskid</c>).</summary>
    public required string TaskId { get; init; }

    /// <summary>The task's name (wire <c>name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The task's payload (wire <c>data</c>).</summary>
    public string Data { get; init; } = string.Empty;

    /// <summary>The scheduled fire time (wire <c>fire_time</c>).</summary>
    public DateTimeOffset FireTime { get; init; }

    /// <summary>How many deliveries were attempted (wire <c>attempts</c>).</summary>
    public int Attempts { get; init; }

    /// <summary>The error of the last failed attempt (wire <c>last_error</c>).</summary>
    public string? LastError { get; init; }

    /// <summary>When the message became a dead letter (wire <c>dead_at</c>).</summary>
    public DateTimeOffset DeadAt { get; init; }
}
