namespace TaskCenter.Client;

/// <summary>
/// A task to add with <see cref="TaskCenterClient.AddTaskAsync"/>. Prefer the factories <see cref="Once"/>,
/// <see cref="Every"/> and <see cref="Cron"/>, then adjust with a <c>with</c> expression, e.g.
/// <c>NewTask.Every("report", data, TimeSpan.FromMinutes(5)) with { LoopCount = 3 }</c>.
/// </summary>
/// <remarks>
/// Unset (<see langword="null"/>, or 0 for <see cref="LoopCount"/>) fields are not sent, so the server applies its
/// defaults. Times are sent as unix seconds and durations as whole seconds: a fraction of a second in
/// <see cref="StartTime"/> or <see cref="EndTime"/> is truncated, and a <see cref="LoopTime"/> or
/// <see cref="MaxRuntime"/> that is not a whole number of seconds is rejected with an <see cref="ArgumentException"/>.
/// </remarks>
public sealed record NewTask
{
    /// <summary>The routing tag consumers subscribe to: 1–255 bytes of letters, digits and <c>_ - . :</c> (wire <c>name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The kind of schedule (wire <c>type</c>).</summary>
    public required TaskType Type { get; init; }

    /// <summary>The payload delivered to consumers as given; at most 1 MiB by default (wire <c>data</c>).</summary>
    public required string Data { get; init; }

    /// <summary>The crontab(5) expression; required for <see cref="TaskType.Cron"/> (wire <c>crontab</c>).</summary>
    public string? Crontab { get; init; }

    /// <summary>The time between fires, whole seconds, at least 1 s; required for <see cref="TaskType.Interval"/> (wire <c>loop_time</c>, seconds).</summary>
    public TimeSpan? LoopTime { get; init; }

    /// <summary>The most fires of an interval or crontab task; 0 (the default) is unlimited (wire <c>loop_count</c>).</summary>
    public long LoopCount { get; init; }

    /// <summary>No fire before this time; for a one-shot task, the time it fires (wire <c>start_time</c>, unix seconds).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>No fire after this time; must be in the future and after <see cref="StartTime"/> (wire <c>end_time</c>, unix seconds).</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>How long a consumer may hold one message before it is delivered again, whole seconds (wire <c>max_runtime</c>, seconds).</summary>
    public TimeSpan? MaxRuntime { get; init; }

    /// <summary>Whether the handler acknowledges explicitly (wire <c>ack</c>); see <see cref="Consumer.TaskMessageContext.RequiresExplicitAck"/>.</summary>
    public bool Ack { get; init; }

    /// <summary>The IANA time zone the crontab is read in; the server's default is UTC (wire <c>timezone</c>).</summary>
    public string? TimeZone { get; init; }

    /// <summary>A one-shot task that fires at <paramref name="at"/>, or as soon as possible when it is <see langword="null"/>.</summary>
    /// <param name="name">The routing tag.</param>
    /// <param name="data">The payload.</param>
    /// <param name="at">When to fire; <see langword="null"/> for now.</param>
    public static NewTask Once(string name, string data, DateTimeOffset? at = null) =>
        new() { Name = name, Type = TaskType.OneShot, Data = data, StartTime = at };

    /// <summary>An interval task that fires every <paramref name="interval"/> (whole seconds, at least 1 s).</summary>
    /// <param name="name">The routing tag.</param>
    /// <param name="data">The payload.</param>
    /// <param name="interval">The time between fires.</param>
    public static NewTask Every(string name, string data, TimeSpan interval) =>
        new() { Name = name, Type = TaskType.Interval, Data = data, LoopTime = interval };

    /// <summary>A crontab task that fires on <paramref name="expression"/>, read in <paramref name="timeZone"/> (UTC when <see langword="null"/>).</summary>
    /// <param name="name">The routing tag.</param>
    /// <param name="data">The payload.</param>
    /// <param name="expression">A crontab(5) expression, e.g. <c>0 9 * * 1-5</c>.</param>
    /// <param name="timeZone">An IANA time zone id, e.g. <c>Europe/Berlin</c>.</param>
    public static NewTask Cron(string name, string data, string expression, string? timeZone = null) =>
        new() { Name = name, Type = TaskType.Cron, Data = data, Crontab = expression, TimeZone = timeZone };
}
