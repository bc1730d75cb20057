namespace TaskCenter.Client;

/// <summary>What became of one fire in one consumer group.</summary>
public sealed record FireDelivery
{
    /// <summary>The consumer group (wire <c>group</c>).</summary>
    public required string Group { get; init; }

    /// <summary>Where the message stands (wire <c>state</c>).</summary>
    public DeliveryState State { get; init; }

    /// <summary>How many deliveries were attempted (wire <c>attempts</c>).</summary>
    public int Attempts { get; init; }

    /// <summary>When a consumer first got the message; <see langword="null"/> while none has (wire <c>first_delivered_at_ms</c>).</summary>
    public DateTimeOffset? FirstDeliveredAt { get; init; }

    /// <summary>First delivery − fire time: how late the consumer got it (wire <c>lateness_ms</c>).</summary>
    public TimeSpan? Lateness { get; init; }

    /// <summary>When the message was acknowledged or became a dead letter (wire <c>done_at_ms</c>).</summary>
    public DateTimeOffset? DoneAt { get; init; }

    /// <summary>The error of the last failed attempt (wire <c>last_error</c>).</summary>
    public string? LastError { get; init; }

    /// <summary>
    /// When a consumer can have the message next: its retry time while <see cref="DeliveryState.Ready"/> (the fire time
    /// before the first delivery), the end of its lease while <see cref="DeliveryState.Leased"/>; <see langword="null"/>
    /// once acked or dead (wire <c>available_at_ms</c>).
    /// </summary>
    public DateTimeOffset? AvailableAt { get; init; }
}
