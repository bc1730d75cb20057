namespace TaskCenter.Core.Storage;

/// <summary>
/// One recorded fire of a task and what became of it: when it was due, recorded and (with an external transport)
/// published, and its delivery to each consumer group of the built-in queue.
/// </summary>
public sealed record FireHistoryEntry
{
    public required string MsgId { get; init; }

    /// <summary>The scheduled time of the fire.</summary>
    public required DateTimeOffset FireTime { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>When an external transport's broker confirmed it; null with the built-in queue or while waiting.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Recorded for an external transport and not confirmed by the broker yet.</summary>
    public bool Unpublished { get; init; }

    /// <summary>No consumer group subscribed to the tag when it fired; kept for the first that does.</summary>
    public bool Unrouted { get; init; }

    /// <summary>One per consumer group it was routed to (built-in queue, and dead letters of any transport), by group name.</summary>
    public required IReadOnlyList<FireDelivery> Deliveries { get; init; }
}

/// <summary>A fire's delivery to one consumer group.</summary>
public sealed record FireDelivery
{
    public required string Group { get; init; }

    public required FireDeliveryState State { get; init; }

    /// <summary>Times handed to a consumer so far.</summary>
    public required int Attempts { get; init; }

    /// <summary>When a consumer first received it; null while never leased.</summary>
    public DateTimeOffset? FirstDeliveredAt { get; init; }

    /// <summary>When it was acknowledged (state acked), or dead-lettered (state dead).</summary>
    public DateTimeOffset? DoneAt { get; init; }

    /// <summary>
    /// When a consumer can have it next: while ready, the time of its retry (its fire time before the first
    /// delivery); while leased, the end of the lease; null once acked or dead.
    /// </summary>
    public DateTimeOffset? AvailableAt { get; init; }

    public string? LastError { get; init; }
}

public enum FireDeliveryState
{
    /// <summary>Waiting for a consumer (first delivery, or a retry after its delay).</summary>
    Ready,

    /// <summary>Held by a consumer until its lease ends.</summary>
    Leased,

    /// <summary>Handled: acknowledged by the consumer.</summary>
    Acked,

    /// <summary>Used up its retries; a dead letter.</summary>
    Dead,
}
