namespace TaskCenter.Client;

/// <summary>One delivery of a fired task, as returned by <see cref="TaskCenterClient.ConsumeAsync"/>.</summary>
public sealed record TaskMessage
{
    /// <summary>The message id; the same on every delivery of this fire (wire <c>msgid</c>).</summary>
    public required string MsgId { get; init; }

    /// <summary>The id of the task that fired (wire <c>taskid</c>).</summary>
    public required string TaskId { get; init; }

    /// <summary>The task's name, i.e. its routing tag (wire <c>name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The task's payload (wire <c>data</c>).</summary>
    public string Data { get; init; } = string.Empty;

    /// <summary>The scheduled fire time (wire <c>fire_time</c>).</summary>
    public DateTimeOffset FireTime { get; init; }

    /// <summary>The delivery attempt, 1 for the first (wire <c>attempt</c>).</summary>
    public int Attempt { get; init; }

    /// <summary>Whether the task was added with <c>ack: true</c>, so the handler acknowledges explicitly (wire <c>ack</c>).</summary>
    public bool RequiresExplicitAck { get; init; }

    /// <summary>Unless acked before this time, the message is delivered again (wire <c>lease_until</c>).</summary>
    public DateTimeOffset LeaseUntil { get; init; }
}
