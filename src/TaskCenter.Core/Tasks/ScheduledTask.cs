namespace TaskCenter.Core.Tasks;

/// <summary>
/// A task as stored: its definition as the user submitted it plus the engine's bookkeeping.
/// Times are <see cref="DateTimeOffset"/> and durations <see cref="TimeSpan"/>; the ones the user gives (start, end,
/// created, loop time, max runtime) hold whole seconds, as on the seed's wire, while <see cref="NextFireAt"/> keeps
/// milliseconds.
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

    /// <summary>Time between fires of an <see cref="TaskType.Interval"/> task; zero otherwise.</summary>
    public TimeSpan LoopTime { get; init; }

    /// <summary>Most fires of an interval or cron task; 0 = unlimited.</summary>
    public long LoopCount { get; init; }

    /// <summary>No fire before this time; null = none given.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>No fire after this time; null = none given.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>How long a consumer may hold one message of this task before it is delivered again; zero = the consumer's lease.</summary>
    public TimeSpan MaxRuntime { get; init; }

    /// <summary>When true the handler acknowledges explicitly rather than on return.</summary>
    public bool Ack { get; init; }

    /// <summary>IANA zone in which the crontab is read.</summary>
    public string TimeZone { get; init; } = "UTC";

    public TaskState State { get; init; } = TaskState.Pending;

    /// <summary>Fires recorded so far (coalesced misfires count once).</summary>
    public long FiredCount { get; init; }

    /// <summary>The next scheduled fire; null once the task is finished or paused with nothing due.</summary>
    public DateTimeOffset? NextFireAt { get; init; }

    /// <summary>When the task was added, in whole seconds.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Bumped on every write; the engine's commit only applies to the version it read.</summary>
    public long Version { get; init; }

    /// <summary>When the task became finished, for the retention purge; null while live.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}
