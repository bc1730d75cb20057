using TaskCenter.Contracts;

namespace TaskCenter.Client.Internal;

/// <summary>
/// Converts between the public models and the wire's shapes: times become unix seconds or milliseconds (<c>_ms</c>),
/// durations whole seconds, an unset start or end time 0. Answers are read leniently: a field an older server lacks
/// reads as unset.
/// </summary>
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

    public static TaskInfo ToModel(TaskResponse dto) => new()
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
        NextFireAt = dto.NextFireAtMs is { } nextMs ? DateTimeOffset.FromUnixTimeMilliseconds(nextMs)
            : dto.NextFireAt is { } next ? DateTimeOffset.FromUnixTimeSeconds(next)
            : null,
    };

    public static UpdateTaskRequest ToWire(TaskChange change)
    {
        if (change.RemoveStartTime && change.StartTime is not null)
        {
            throw new ArgumentException("Set StartTime or RemoveStartTime, not both.", nameof(change));
        }

        if (change.RemoveEndTime && change.EndTime is not null)
        {
            throw new ArgumentException("Set EndTime or RemoveEndTime, not both.", nameof(change));
        }

        return new UpdateTaskRequest
        {
            Data = change.Data,
            Crontab = change.Crontab,
            LoopTime = ToWholeSeconds(change.LoopTime, nameof(TaskChange.LoopTime)),
            LoopCount = change.LoopCount,
            StartTime = change.RemoveStartTime ? 0 : change.StartTime?.ToUnixTimeSeconds(),
            EndTime = change.RemoveEndTime ? 0 : change.EndTime?.ToUnixTimeSeconds(),
            TimeZone = change.TimeZone,
            MaxRuntime = ToWholeSeconds(change.MaxRuntime, nameof(TaskChange.MaxRuntime)),
            Ack = change.Ack,
        };
    }

    public static FireHistoryPage ToModel(FireHistoryResponse dto) =>
        new([.. (dto.Fires ?? []).Select(ToModel)], FromUnixMillisecondsOrNull(dto.Next)) { MaxAttempts = dto.MaxAttempts };

    public static TriggerResult ToModel(TriggerResponse dto, string taskId) =>
        new(dto.TaskId ?? taskId, dto.MsgId ?? string.Empty, DateTimeOffset.FromUnixTimeMilliseconds(dto.FireTimeMs));

    public static NextFires ToModel(NextFiresResponse dto) =>
        new(string.IsNullOrEmpty(dto.TimeZone) ? "UTC" : dto.TimeZone, [.. (dto.TimesMs ?? []).Select(DateTimeOffset.FromUnixTimeMilliseconds)]);

    /// <summary>A crontab's next times; a server older than the timezone field reads it in the zone asked for (<paramref name="askedZone"/>).</summary>
    public static NextFires ToModel(CrontabNextResponse dto, string? askedZone) =>
        new(dto.TimeZone is { Length: > 0 } zone ? zone : askedZone ?? "UTC", [.. (dto.Times ?? []).Select(DateTimeOffset.FromUnixTimeSeconds)]);

    /// <summary>A time as a query parameter in unix seconds (<c>from</c>).</summary>
    public static long? ToUnixSeconds(DateTimeOffset? time) => time?.ToUnixTimeSeconds();

    /// <summary>A time as a query parameter in unix milliseconds (<c>before</c>).</summary>
    public static long? ToUnixMilliseconds(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    public static TaskFire ToModel(FireResponse dto) => new()
    {
        MsgId = dto.MsgId ?? string.Empty,
        FireTime = DateTimeOffset.FromUnixTimeMilliseconds(dto.FireTimeMs),
        RecordedAt = DateTimeOffset.FromUnixTimeMilliseconds(dto.RecordedAtMs),
        PublishedAt = FromUnixMillisecondsOrNull(dto.PublishedAtMs),
        Unrouted = dto.Unrouted,
        Unpublished = dto.Unpublished,
        Deliveries = [.. (dto.Deliveries ?? []).Select(delivery => new FireDelivery
        {
            Group = delivery.Group ?? string.Empty,
            State = delivery.State switch
            {
                "ready" => DeliveryState.Ready,
                "leased" => DeliveryState.Leased,
                "acked" => DeliveryState.Acked,
                "dead" => DeliveryState.Dead,
                _ => DeliveryState.Unknown,
            },
            Attempts = delivery.Attempts,
            FirstDeliveredAt = FromUnixMillisecondsOrNull(delivery.FirstDeliveredAtMs),
            Lateness = delivery.LatenessMs is { } lateness ? TimeSpan.FromMilliseconds(lateness) : null,
            DoneAt = FromUnixMillisecondsOrNull(delivery.DoneAtMs),
            LastError = delivery.LastError,
            AvailableAt = FromUnixMillisecondsOrNull(delivery.AvailableAtMs),
        })],
    };

    public static TaskCenterOverview ToModel(OverviewResponse dto)
    {
        var firstMinute = dto.FiresPerMinute?.FirstMinuteMs ?? 0;
        return new TaskCenterOverview
        {
            Storage = dto.Storage ?? string.Empty,
            Delivery = dto.Delivery ?? string.Empty,
            CountedAt = DateTimeOffset.FromUnixTimeMilliseconds(dto.CountedAtMs),
            Tasks = [.. (dto.Tasks ?? []).Select(count => new TaskCount((TaskType)count.Type, ParseState(count.State), count.Count))],
            Groups = [.. (dto.Groups ?? []).Select(group => new GroupBacklog(group.Group ?? string.Empty, group.Ready, group.Leased, group.Dead))],
            PushGroups = [.. (dto.PushGroups ?? []).Select(push => new PushGroupStatus(
                push.Group ?? string.Empty, ToUri(push.Url), ToCircuit(push.Circuit), push.LastError))],
            UnroutedFires = dto.UnroutedFires,
            UnpublishedFires = dto.UnpublishedFires,
            Instances = [.. (dto.Instances ?? []).Select(instance => new InstanceInfo
            {
                Id = instance.Id ?? string.Empty,
                Host = instance.Host ?? string.Empty,
                ProcessId = instance.ProcessId,
                Version = instance.Version ?? string.Empty,
                StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(instance.StartedAtMs),
                SeenAt = DateTimeOffset.FromUnixTimeMilliseconds(instance.SeenAtMs),
                Health = instance.Health ?? string.Empty,
                Alive = instance.Alive,
                IsSelf = instance.Self,
            })],
            FiresPerMinute = [.. (dto.FiresPerMinute?.Counts ?? []).Select(
                (count, i) => new MinuteCount(DateTimeOffset.FromUnixTimeMilliseconds(firstMinute + (i * 60_000L)), count))],
            Scope = dto.Scope is { } scope ? new KeyScope(scope.Tasks ?? [], scope.Groups ?? []) : null,
        };
    }

    public static PutGroupRequest ToWire(GroupDeclaration declaration) => new()
    {
        Tags = declaration.Tags,
        Push = declaration.Push is { } push
            ? new PushTargetBody
            {
                Url = push.Url.OriginalString,
                ContentType = push.ContentType,
                TimeoutMs = push.Timeout is { } timeout ? ToMilliseconds(timeout) : null,
                MaxConcurrency = push.MaxConcurrency,
                Headers = push.Headers,
                Secret = push.Secret,
            }
            : null,
    };

    public static GroupInfo ToModel(GroupDeclarationResponse dto) => new()
    {
        Group = dto.Group ?? string.Empty,
        Tags = dto.Tags ?? string.Empty,
        Owner = dto.Owner,
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(dto.UpdatedAtMs),
        Push = dto.Push is { } push
            ? new PushTargetInfo
            {
                Url = ToUri(push.Url),
                ContentType = push.ContentType ?? string.Empty,
                Timeout = TimeSpan.FromMilliseconds(push.TimeoutMs),
                MaxConcurrency = push.MaxConcurrency,
                Headers = push.Headers ?? new Dictionary<string, string>(),
                Secret = push.Secret,
                Circuit = ToCircuit(push.Circuit),
                LastError = push.LastError,
            }
            : null,
    };

    public static RemovedGroup ToModel(GroupRemovedResponse dto) =>
        new(dto.Group ?? string.Empty, dto.Subscription, dto.Pending, dto.DeadLetters);

    private static Uri ToUri(string? url) => new(url ?? string.Empty, UriKind.RelativeOrAbsolute);

    private static CircuitState ToCircuit(string? circuit) => circuit switch
    {
        "closed" => CircuitState.Closed,
        "open" => CircuitState.Open,
        _ => CircuitState.Unknown,
    };

    /// <summary>The wire name of a task state, for filters.</summary>
    public static string ToWire(TaskState state) => state switch
    {
        TaskState.Pending => "pending",
        TaskState.Active => "active",
        TaskState.Paused => "paused",
        TaskState.Finished => "finished",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Only a known task state can be filtered on."),
    };

    public static TaskMessage ToModel(MessageResponse dto) => new()
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

    public static DeadLetter ToModel(DeadLetterResponse dto) => new()
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

    public static NackOutcome ToModel(NackResponse dto, string msgId) => new(
        dto.MsgId ?? msgId,
        dto.Result switch
        {
            "retrying" => NackResult.Retrying,
            "dead" => NackResult.DeadLettered,
            _ => NackResult.Unknown,
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

    private static DateTimeOffset? FromUnixMillisecondsOrNull(long? milliseconds) =>
        milliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static TaskState ParseState(string? state) => state switch
    {
        "pending" => TaskState.Pending,
        "active" => TaskState.Active,
        "paused" => TaskState.Paused,
        "finished" => TaskState.Finished,
        _ => TaskState.Unknown,
    };
}
