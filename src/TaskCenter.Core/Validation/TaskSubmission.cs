namespace TaskCenter.Core.Validation;

/// <summary>
/// A task as a caller submitted it, field by field and in the wire's units (unix seconds, seconds), before validation
/// turns it into a <see cref="Tasks.ScheduledTask"/>. Null = not given.
/// </summary>
public sealed record TaskSubmission
{
    public string? Name { get; init; }
    public long? Type { get; init; }
    public string? Data { get; init; }
    public string? Crontab { get; init; }
    public long? LoopTime { get; init; }
    public long? LoopCount { get; init; }
    public long? StartTime { get; init; }
    public long? EndTime { get; init; }
    public long? MaxRuntime { get; init; }
    public bool? Ack { get; init; }
    public string? TimeZone { get; init; }
}
