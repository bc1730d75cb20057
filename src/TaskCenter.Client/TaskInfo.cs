namespace TaskCenter.Client;

/// <summary>A task as the server stores it (the task object of <c>query-task-by-id</c> and <c>query-task-by-name</c>).</summary>
public sealed record TaskInfo
{
    /// <summary>The task id (wire <c>_id</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The routing tag (wire <c>name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The kind of schedule (wire <c>type</c>).</summary>
    public TaskType Type { get; init; }

    /// <summary>The payload (wire <c>data</c>).</summary>
    public string Data { get; init; } = string.Empty;

    /// <summary>The crontab expression; <see langword="null"/> when empty (wire <c>crontab</c>).</summary>
    public string? Crontab { get; init; }

    /// <summary>The time between fires; <see langword="null"/> when 0 (wire <c>loop_time</c>).</summary>
    public TimeSpan? LoopTime { get; init; }

    /// <summary>The most fires; 0 is unlimited (wire <c>loop_count</c>).</summary>
    public long LoopCount { get; init; }

    /// <summary>No fire before this time; <see langword="null"/> when not set (wire <c>start_time</c> 0).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>No fire after this time; <see langword="null"/> when not set (wire <c>end_time</c> 0).</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>When the task was added (wire <c>created_at</c>).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The IANA time zone the crontab is read in; <see langword="null"/> when empty (wire <c>timezone</c>).</summary>
    public string? TimeZone { get; init; }

    /// <summary>How long a consumer may hold one message; <see langword="null"/> when 0 (wire <c>max_runtime</c>).</summary>
    public TimeSpan? MaxRuntime { get; init; }

    /// <summary>Whether handlers acknowledge explicitly (wire <c>ack</c>).</summary>
    public bool Ack { get; init; }

    /// <summary>The lifecycle state (wire <c>state</c>).</summary>
    public TaskState State { get; init; }

    /// <summary>How many times the task has fired (wire <c>fired_count</c>).</summary>
    public long FiredCount { get; init; }

    /// <summary>The next fire time; <see langword="null"/> when nothing more is scheduled (wire <c>next_fire_at</c>).</summary>
    public DateTimeOffset? NextFireAt { get; init; }
}
