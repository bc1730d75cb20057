namespace TaskCenter.Client;

/// <summary>The extra fire <see cref="TaskCenterClient.TriggerTaskAsync"/> recorded.</summary>
/// <param name="TaskId">The task that fired (wire <c>taskid</c>).</param>
/// <param name="MsgId">The message id of the fire, as consumers receive it (wire <c>msgid</c>).</param>
/// <param name="FireTime">The fire time: now, as the server saw it (wire <c>fire_time_ms</c>).</param>
public sealed record TriggerResult(string TaskId, string MsgId, DateTimeOffset FireTime);
