using System.Globalization;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Storage.Sqlite.Tests;

/// <summary>Builders for tasks, fires and advances; time starts at <see cref="T0"/>.</summary>
internal static class Build
{
    private static int s_counter;

    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

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
            CreatedAt = createdAt ?? T0.ToUnixTimeSeconds(),
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

    /// <summary>An advance of the task as read (its current version), to the given state.</summary>
    public static TaskAdvance Advance(ScheduledTask read, TaskState state, DateTimeOffset? nextFireAt, DateTimeOffset? finishedAt, params FireRecord[] fires) =>
        new(read with { State = state, FiredCount = read.FiredCount + fires.Length, NextFireAt = nextFireAt, FinishedAt = finishedAt }, fires);

    /// <summary>Adds a task and records one fire of it (the task stays active); returns the fire.</summary>
    public static async Task<FireRecord> AddAndFireAsync(SqliteStorage store, string name, DateTimeOffset fireTime, TimeSpan? lease = null)
    {
        var task = Task(name, data: NewId(), nextFireAt: fireTime);
        await store.AddAsync(task, CancellationToken.None);
        var fire = Fire(task, fireTime, lease: lease);
        var recorded = await store.CommitAsync([Advance(task, TaskState.Active, fireTime.AddMinutes(1), null, fire)], CancellationToken.None);
        Assert.Single(recorded);
        return fire;
    }
}
