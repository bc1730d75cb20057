namespace TaskCenter.Core.Tasks;

/// <summary>
/// A task as stored: its definition as the user submitted it plus the engine's bookkeeping.
/// Times the user gives (start, end, created) are whole seconds, as on the seed's wire;
/// <see cref="NextFireAt"/> keeps milliseconds.
/// </summary>
public sealed record ScheduledTask
{
    /// <summary>24 lowercase hex characters, time-ordered like a MongoDB ObjectId.</summary>
    public required string Id { get; init; }

    /// <summary>The routing tag consumers subscribe to.</summary>
    public required string Name { get; init; }

    public required TaskType Type { get; init; }

    /// <summary>The payload, delivered as given.</summary>
    public required string Data { get; init; }

    /// <summary>The crontab of a <see cref="TaskType.Cron"/> task, as submitted; empty otherwise.</summary>
    public string Crontab { get; init; } = "";

    /// <summary>Seconds between fires of an <see cref="TaskType.Interval"/> task; 0 otherwise.</summary>
    public long LoopTime { get; init; }

    /// <summary>Most fires of an interval or cron task; 0 = unlimited.</summary>
    public long LoopCount { get; init; }

    /// <summary>No fire before this time (unix seconds); null = none given.</summary>
    public long? StartTime { get; init; }

    /// <summary>No fire after this time (unix seconds); null = none given.</summary>
    public long? EndTime { get; init; }

    /// <summary>Seconds a consumer may hold one message of this task before it is delivered again; 0 = the consumer's lease.</summary>
    public long MaxRuntime { get; init; }

    /// <summary>When true the handler acknowledges explicitly rather than on return.</summary>
    public bool Ack { get; init; }

    /// <summary>IANA zone in which the crontab is read.</summary>
    public string TimeZone { get; init; } = "UTC";

    public TaskState State { get; init; } = TaskState.Pending;

    /// <summary>Fires recorded so far (coalesced misfires count once).</summary>
    public long FiredCount { get; init; }

    /// <summary>The next scheduled fire; null once the task is finished or paused with nothing due.</summary>
    public DateTimeOffset? NextFireAt { get; init; }

    /// <summary>Creation time, unix seconds.</summary>
    public required long CreatedAt { get; init; }

    /// <summary>Bumped on every write; the engine's commit only applies to the version it read.</summary>
    public long Version { get; init; }

    /// <summary>When the task became finished (unix ms), for the retention purge; null while live.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}
