using System.Globalization;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>Builders for tasks, fires, advances and queue settings; time starts at <see cref="T0"/>.</summary>
internal static class Build
{
    // Generated ids start high, clear of the small fixed ids some tests spell out.
    private static int s_counter = 0x10000;

    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    /// <summary>Small, readable queue settings: 3 retries after 10s, 30s, 60s.</summary>
    public static QueueOptions DefaultQueue() => new()
    {
        MaxRetries = 3,
        RetryDelays = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)],
        UnroutedRetention = TimeSpan.FromDays(3),
        FireHistoryRetention = TimeSpan.FromDays(3),
    };

    public static string NewId() => Interlocked.Increment(ref s_counter).ToString("x24", CultureInfo.InvariantCulture);

    public static ScheduledTask Task(
        string name = "report",
        string data = "{}",
        string? id = null,
        TaskState state = TaskState.Pending,
        DateTimeOffset? nextFireAt = null,
        long? createdAt = null) => new()
        {
            Id = id ?? NewId(),
            Name = name,
            Type = TaskType.OneShot,
            Data = data,
            State = state,
            NextFireAt = nextFireAt,
            CreatedAt = createdAt is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : T0,
        };

    public static FireRecord Fire(ScheduledTask task, DateTimeOffset fireTime, string? msgId = null, TimeSpan? lease = null) => new()
    {
        MsgId = msgId ?? NewId(),
        TaskId = task.Id,
        Name = task.Name,
        Data = task.Data,
        FireTime = fireTime,
        RecordedAt = fireTime,
        Lease = lease,
        Ack = true,
    };

    /// <summary>A dead letter a transport gave up on, of a fire of its own.</summary>
    public static DeadLetter DeadLetter(string group, int attempts, DateTimeOffset deadAt) => new()
    {
        Group = group,
        MsgId = NewId(),
        TaskId = NewId(),
        Name = "a",
        Data = "payload",
        FireTime = T0,
        Attempts = attempts,
        LastError = "handler failed",
        DeadAt = deadAt,
    };

    /// <summary>An advance of the task as read (its current version), to the given state.</summary>
    public static TaskAdvance Advance(ScheduledTask read, TaskState state, DateTimeOffset? nextFireAt, DateTimeOffset? finishedAt, params FireRecord[] fires) =>
        new(read with { State = state, FiredCount = read.FiredCount + fires.Length, NextFireAt = nextFireAt, FinishedAt = finishedAt }, fires);
}
