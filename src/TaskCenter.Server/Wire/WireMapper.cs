using TaskCenter.Core.Push;
using TaskCenter.Contracts;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Core.Validation;

namespace TaskCenter.Server.Wire;

/// <summary>
/// Between the wire's shapes and Core's model. A request's task fields go to validation as given; on the way out,
/// times become unix seconds (the seed's fields) or milliseconds (<c>_ms</c>), an unset start or end time 0, as the
/// original server sent them.
/// </summary>
internal static class WireMapper
{
    public static TaskSubmission ToSubmission(AddTaskRequest task) => new()
    {
        Name = task.Name,
        Type = task.Type,
        Data = task.Data,
        Crontab = task.Crontab,
        LoopTime = task.LoopTime,
        LoopCount = task.LoopCount,
        StartTime = task.StartTime,
        EndTime = task.EndTime,
        MaxRuntime = task.MaxRuntime,
        Ack = task.Ack,
        TimeZone = task.TimeZone,
    };

    public static TaskSubmission ToSubmission(UpdateTaskRequest change) => new()
    {
        Data = change.Data,
        Crontab = change.Crontab,
        LoopTime = change.LoopTime,
        LoopCount = change.LoopCount,
        StartTime = change.StartTime,
        EndTime = change.EndTime,
        MaxRuntime = change.MaxRuntime,
        Ack = change.Ack,
        TimeZone = change.TimeZone,
    };

    public static TaskResponse ToWire(ScheduledTask task) => new()
    {
        Id = task.Id,
        Name = task.Name,
        Type = (int)task.Type,
        Data = task.Data,
        Crontab = task.Crontab,
        LoopTime = UnixSeconds.Of(task.LoopTime),
        LoopCount = task.LoopCount,
        StartTime = UnixSeconds.Of(task.StartTime) ?? 0,
        EndTime = UnixSeconds.Of(task.EndTime) ?? 0,
        CreatedAt = UnixSeconds.Of(task.CreatedAt),
        TimeZone = task.TimeZone,
        MaxRuntime = UnixSeconds.Of(task.MaxRuntime),
        Ack = task.Ack,
        State = task.State.ToWire(),
        FiredCount = task.FiredCount,
        NextFireAt = task.NextFireAt?.ToUnixTimeSeconds(),
        NextFireAtMs = task.NextFireAt?.ToUnixTimeMilliseconds(),
    };

    public static MessageResponse ToWire(QueueMessage message) => new()
    {
        MsgId = message.MsgId,
        TaskId = message.TaskId,
        Name = message.Name,
        Data = message.Data,
        FireTime = message.FireTime.ToUnixTimeSeconds(),
        Attempt = message.Attempt,
        Ack = message.Ack,
        LeaseUntil = message.LeaseUntil.ToUnixTimeSeconds(),
    };

    public static DeadLetterResponse ToWire(DeadLetter letter) => new()
    {
        MsgId = letter.MsgId,
        TaskId = letter.TaskId,
        Name = letter.Name,
        Data = letter.Data,
        FireTime = letter.FireTime.ToUnixTimeSeconds(),
        Attempts = letter.Attempts,
        LastError = letter.LastError,
        DeadAt = letter.DeadAt.ToUnixTimeSeconds(),
    };

    /// <param name="fire">The fire.</param>
    /// <param name="pushes">Push attempts by msgid and group: a push group's delivery lists them.</param>
    public static FireResponse ToWire(FireHistoryEntry fire, ILookup<(string MsgId, string Group), PushAttempt> pushes) => new()
    {
        MsgId = fire.MsgId,
        FireTimeMs = fire.FireTime.ToUnixTimeMilliseconds(),
        RecordedAtMs = fire.RecordedAt.ToUnixTimeMilliseconds(),
        PublishedAtMs = fire.PublishedAt?.ToUnixTimeMilliseconds(),
        Unrouted = fire.Unrouted,
        Unpublished = fire.Unpublished,
        Deliveries = [.. fire.Deliveries.Select(delivery => ToWire(fire, delivery, pushes[(fire.MsgId, delivery.Group)]))],
    };

    private static FireDeliveryResponse ToWire(FireHistoryEntry fire, FireDelivery delivery, IEnumerable<PushAttempt> pushes) => new()
    {
        Group = delivery.Group,
        State = delivery.State.ToString().ToLowerInvariant(),
        Attempts = delivery.Attempts,
        FirstDeliveredAtMs = delivery.FirstDeliveredAt?.ToUnixTimeMilliseconds(),
        LatenessMs = delivery.FirstDeliveredAt is { } at ? (long)(at - fire.FireTime).TotalMilliseconds : null,
        DoneAtMs = delivery.DoneAt?.ToUnixTimeMilliseconds(),
        LastError = delivery.LastError,
        AvailableAtMs = delivery.AvailableAt?.ToUnixTimeMilliseconds(),
        Pushes = pushes.Any() ? [.. pushes.OrderBy(push => push.Attempt).Select(ToWire)] : null,
    };

    private static PushAttemptResponse ToWire(PushAttempt push) => new()
    {
        Attempt = push.Attempt,
        AtMs = push.At.ToUnixTimeMilliseconds(),
        Status = push.Status,
        DurationMs = (long)push.Duration.TotalMilliseconds,
        Error = push.Error,
    };
}
