using TaskCenter.Client;
using TaskCenter.Contracts;

namespace TaskCenter.Cli.Output;

/// <summary>
/// The SDK's model back to the HTTP API's shapes, for --json: a command prints what the API answered, field for field
/// (times as unix seconds, or milliseconds in <c>_ms</c> fields; an unset start or end time 0).
/// </summary>
internal static class WireMapper
{
    public static TaskResponse ToWire(TaskInfo task) => new()
    {
        Id = task.Id,
        Name = task.Name,
        Type = (int)task.Type,
        Data = task.Data,
        Crontab = task.Crontab ?? string.Empty,
        LoopTime = (long)(task.LoopTime?.TotalSeconds ?? 0),
        LoopCount = task.LoopCount,
        StartTime = task.StartTime?.ToUnixTimeSeconds() ?? 0,
        EndTime = task.EndTime?.ToUnixTimeSeconds() ?? 0,
        CreatedAt = task.CreatedAt.ToUnixTimeSeconds(),
        TimeZone = task.TimeZone ?? string.Empty,
        MaxRuntime = (long)(task.MaxRuntime?.TotalSeconds ?? 0),
        Ack = task.Ack,
        State = task.State.ToString().ToLowerInvariant(),
        FiredCount = task.FiredCount,
        NextFireAt = task.NextFireAt?.ToUnixTimeSeconds(),
        NextFireAtMs = task.NextFireAt?.ToUnixTimeMilliseconds(),
    };

    public static FireResponse ToWire(TaskFire fire) => new()
    {
        MsgId = fire.MsgId,
        FireTimeMs = fire.FireTime.ToUnixTimeMilliseconds(),
        RecordedAtMs = fire.RecordedAt.ToUnixTimeMilliseconds(),
        PublishedAtMs = fire.PublishedAt?.ToUnixTimeMilliseconds(),
        Unrouted = fire.Unrouted,
        Unpublished = fire.Unpublished,
        Deliveries = [.. fire.Deliveries.Select(delivery => new FireDeliveryResponse
        {
            Group = delivery.Group,
            State = delivery.State.ToString().ToLowerInvariant(),
            Attempts = delivery.Attempts,
            FirstDeliveredAtMs = delivery.FirstDeliveredAt?.ToUnixTimeMilliseconds(),
            LatenessMs = (long?)delivery.Lateness?.TotalMilliseconds,
            DoneAtMs = delivery.DoneAt?.ToUnixTimeMilliseconds(),
            LastError = delivery.LastError,
            AvailableAtMs = delivery.AvailableAt?.ToUnixTimeMilliseconds(),
        })],
    };

    public static MessageResponse ToWire(TaskMessage message) => new()
    {
        MsgId = message.MsgId,
        TaskId = message.TaskId,
        Name = message.Name,
        Data = message.Data,
        FireTime = message.FireTime.ToUnixTimeSeconds(),
        Attempt = message.Attempt,
        Ack = message.RequiresExplicitAck,
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

    public static GroupDeclarationResponse ToWire(GroupInfo group) => new()
    {
        Group = group.Group,
        Tags = group.Tags,
        Owner = group.Owner,
        UpdatedAtMs = group.UpdatedAt.ToUnixTimeMilliseconds(),
        Push = group.Push is { } push
            ? new PushTargetResponse
            {
                Url = push.Url.OriginalString,
                ContentType = push.ContentType,
                TimeoutMs = (long)push.Timeout.TotalMilliseconds,
                MaxConcurrency = push.MaxConcurrency,
                Headers = push.Headers,
                Secret = push.Secret,
                Circuit = push.Circuit.ToString().ToLowerInvariant(),
                LastError = push.LastError,
            }
            : null,
    };

    public static GroupRemovedResponse ToWire(RemovedGroup removed) =>
        new(removed.Group, removed.Subscription, removed.Pending, removed.DeadLetters);
}
