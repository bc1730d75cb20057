namespace TaskCenter.Client;

/// <summary>
/// A change of a task for <see cref="TaskCenterClient.UpdateTaskAsync"/>: set the fields to change and leave the others
/// <see langword="null"/> (unchanged). A task's name and type cannot change; delete it and add a new one instead.
/// </summary>
/// <remarks>
/// Times are sent as unix seconds and durations as whole seconds, as in <see cref="NewTask"/>. To remove a start or end
/// time, set <see cref="RemoveStartTime"/> or <see cref="RemoveEndTime"/>. The server validates the changed task as on
/// add (400 naming the field) and recomputes its next fire; a paused task stays paused.
/// </remarks>
public sealed record TaskChange
{
    /// <summary>The new payload (wire <c>data</c>).</summary>
    public string? Data { get; init; }

    /// <summary>The new crontab(5) expression of a <see cref="TaskType.Cron"/> task (wire <c>crontab</c>).</summary>
    public string? Crontab { get; init; }

    /// <summary>The new time between fires of a <see cref="TaskType.Interval"/> task, whole seconds (wire <c>loop_time</c>, seconds).</summary>
    public TimeSpan? LoopTime { get; init; }

    /// <summary>The new most fires; 0 is unlimited (wire <c>loop_count</c>).</summary>
    public long? LoopCount { get; init; }

    /// <summary>The new start time (wire <c>start_time</c>, unix seconds).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Removes the start time (sends <c>start_time</c> 0); cannot be combined with <see cref="StartTime"/>.</summary>
    public bool RemoveStartTime { get; init; }

    /// <summary>The new end time (wire <c>end_time</c>, unix seconds).</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>Removes the end time (sends <c>end_time</c> 0); cannot be combined with <see cref="EndTime"/>.</summary>
    public bool RemoveEndTime { get; init; }

    /// <summary>The new IANA time zone the crontab is read in (wire <c>timezone</c>).</summary>
    public string? TimeZone { get; init; }

    /// <summary>The new time a consumer may hold one message, whole seconds (wire <c>max_runtime</c>, seconds).</summary>
    public TimeSpan? MaxRuntime { get; init; }

    /// <summary>Whether handlers acknowledge explicitly from now on (wire <c>ack</c>).</summary>
    public bool? Ack { get; init; }

    /// <summary>Whether nothing is set: such a change is not sent.</summary>
    public bool IsEmpty => this == new TaskChange();
}
