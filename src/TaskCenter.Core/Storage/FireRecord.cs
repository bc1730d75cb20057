using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>
/// One fire of a task, as recorded durably before anything is delivered. <see cref="MsgId"/> identifies it on
/// every delivery and redelivery, so consumers can dedupe. (TaskId, FireTime) is unique: a fire cannot be recorded twice.
/// </summary>
public sealed record FireRecord
{
    public required string MsgId { get; init; }
    public required string TaskId { get; init; }

    /// <summary>The task's name: the routing tag.</summary>
    public required string Name { get; init; }

    public required string Data { get; init; }

    /// <summary>The scheduled time of this fire (not when it was recorded), millisecond precision.</summary>
    public required DateTimeOffset FireTime { get; init; }

    /// <summary>When the engine recorded it.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The task's max_runtime: when set, the lease of this fire's messages instead of the consumer's.</summary>
    public TimeSpan? Lease { get; init; }

    /// <summary>The task's ack flag: the handler acknowledges explicitly.</summary>
    public bool Ack { get; init; }

    /// <summary>A fire of <paramref name="task"/> at <paramref name="fireTime"/>, carrying the task's payload, lease and ack flag.</summary>
    public static FireRecord Of(ScheduledTask task, string msgId, DateTimeOffset fireTime, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new FireRecord
        {
            MsgId = msgId,
            TaskId = task.Id,
            Name = task.Name,
            Data = task.Data,
            FireTime = fireTime,
            RecordedAt = recordedAt,
            Lease = task.MaxRuntime > TimeSpan.Zero ? task.MaxRuntime : null,
            Ack = task.Ack,
        };
    }
}
