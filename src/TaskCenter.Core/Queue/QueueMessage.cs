namespace TaskCenter.Core.Queue;

/// <summary>One delivery of a fire to a consumer group. <see cref="Attempt"/> is 1 on the first delivery.</summary>
public sealed record QueueMessage
{
    public required string MsgId { get; init; }
    public required string TaskId { get; init; }
    public required string Name { get; init; }
    public required string Data { get; init; }
    public required DateTimeOffset FireTime { get; init; }
    public required int Attempt { get; init; }

    /// <summary>Until when this consumer holds the message; unacked after that, it is delivered again.</summary>
    public required DateTimeOffset LeaseUntil { get; init; }

    /// <summary>The task's ack flag: the handler acknowledges explicitly.</summary>
    public bool Ack { get; init; }
}
