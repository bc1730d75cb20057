using TaskCenter.Client.Wire;

namespace TaskCenter.Client.Internal;

/// <summary>Converts between the public models and the wire types (unix seconds, whole-second durations, 0 for unset).</summary>
internal static class WireMapper
{
    public static AddTaskRequest ToWire(NewTask task) => new()
    {
        Name = task.Name,
        Type = (int)task.Type,
        Data = task.Data,
        Crontab = task.Crontab,
        LoopTime = ToWholeSeconds(task.LoopTime, nameof(NewTask.LoopTime)),
        LoopCount = task.LoopCount == 0 ? null : task.LoopCount,
        StartTime = task.StartTime?.ToUnixTimeSeconds(),
        EndTime = task.EndTime?.ToUnixTimeSeconds(),
        MaxRuntime = ToWholeSeconds(task.MaxRuntime, nameof(NewTask.MaxRuntime)),
        Ack = task.Ack ? true : null,
        TimeZone = task.TimeZone,
    };

    public static TaskInfo ToModel(TaskDto dto) => new()
    {
        Id = dto.Id ?? string.Empty,
        Name = dto.Name ?? string.Empty,
        Type = (TaskType)dto.Type,
        Data = dto.Data ?? string.Empty,
        Crontab = string.IsNullOrEmpty(dto.Crontab) ? null : dto.Crontab,
        LoopTime = dto.LoopTime == 0 ? null : TimeSpan.FromSeconds(dto.LoopTime),
        LoopCount = dto.LoopCount,
        StartTime = FromUnixSecondsOrNull(dto.StartTime),
        EndTime = FromUnixSecondsOrNull(dto.EndTime),
        CreatedAt = DateTimeOffset.FromUnixTimeSeconds(dto.CreatedAt),
        TimeZone = string.IsNullOrEmpty(dto.TimeZone) ? null : dto.TimeZone,
        MaxRuntime = dto.MaxRuntime == 0 ? null : TimeSpan.FromSeconds(dto.MaxRuntime),
        Ack = dto.Ack,
        State = ParseState(dto.State),
        FiredCount = dto.FiredCount,
        NextFireAt = dto.NextFireAt is { } next ? DateTimeOffset.FromUnixTimeSeconds(next) : null,
    };

    public static TaskMessage ToModel(MessageDto dto) => new()
    {
        MsgId = dto.MsgId ?? string.Empty,
        TaskId = dto.TaskId ?? string.Empty,
        Name = dto.Name ?? string.Empty,
        Data = dto.Data ?? string.Empty,
        FireTime = DateTimeOffset.FromUnixTimeSeconds(dto.FireTime),
        Attempt = dto.Attempt,
        RequiresExplicitAck = dto.Ack,
        LeaseUntil = DateTimeOffset.FromUnixTimeSeconds(dto.LeaseUntil),
    };

    public static DeadLetter ToModel(DeadLetterDto dto) => new()
    {
        MsgId = dto.MsgId ?? string.Empty,
        TaskId = dto.TaskId ?? string.Empty,
        Name = dto.Name ?? string.Empty,
        Data = dto.Data ?? string.Empty,
        FireTime = DateTimeOffset.FromUnixTimeSeconds(dto.FireTime),
        Attempts = dto.Attempts,
        LastError = dto.LastError,
        DeadAt = DateTimeOffset.FromUnixTimeSeconds(dto.DeadAt),
    };

    public static NackResult ToModel(NackResponse dto, string msgId) => new(
        dto.MsgId ?? msgId,
        dto.Result switch
        {
            "retrying" => NackOutcome.Retrying,
            "dead" => NackOutcome.Dead,
            _ => NackOutcome.Unknown,
        },
        dto.RetryAt is { } retryAt ? DateTimeOffset.FromUnixTimeSeconds(retryAt) : null);

    /// <summary>Milliseconds of <paramref name="value"/>, sub-millisecond parts truncated.</summary>
    public static long ToMilliseconds(TimeSpan value) => (long)value.TotalMilliseconds;

    private static long? ToWholeSeconds(TimeSpan? value, string name)
    {
        if (value is not { } span)
        {
            return null;
        }

        if (span.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"{name} must be a whole number of seconds, got {span}.", name);
        }

        return span.Ticks / TimeSpan.TicksPerSecond;
    }

    private static DateTimeOffset? FromUnixSecondsOrNull(long seconds) =>
        seconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);

    private static TaskState ParseState(string? state) => state switch
    {
        "pending" => TaskState.Pending,
        "active" => TaskState.Active,
        "paused" => TaskState.Paused,
        "finished" => TaskState.Finished,
        _ => TaskState.Unknown,
    };
}
