namespace TaskCenter.Client;

/// <summary>One fire of a task and its deliveries, as <see cref="TaskCenterClient.GetFireHistoryAsync"/> lists it.</summary>
public sealed record TaskFire
{
    /// <summary>The message id of the fire (wire <c>msgid</c>).</summary>
    public required string MsgId { get; init; }

    /// <summary>The scheduled fire time (wire <c>fire_time_ms</c>).</summary>
    public DateTimeOffset FireTime { get; init; }

    /// <summary>When the server recorded the fire (wire <c>recorded_at_ms</c>).</summary>
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>When the fire was published to the broker; <see langword="null"/> on the built-in queue or before publishing (wire <c>published_at_ms</c>).</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>No consumer group was subscribed to the task's name when it fired (wire <c>unrouted</c>).</summary>
    public bool Unrouted { get; init; }

    /// <summary>Not published to the broker yet (wire <c>unpublished</c>).</summary>
    public bool Unpublished { get; init; }

    /// <summary>The fire's message in each consumer group (wire <c>deliveries</c>).</summary>
    public IReadOnlyList<FireDelivery> Deliveries { get; init; } = [];
}
