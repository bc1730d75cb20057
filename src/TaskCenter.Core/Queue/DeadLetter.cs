namespace TaskCenter.Core.Queue;

/// <summary>A message that used up its retries (or its lease, too often) and waits for an operator.</summary>
public sealed record DeadLetter
{
    public required string Group { get; init; }
    public required string MsgId { get; init; }
    public required string TaskId { get; init; }
    public required string Name { get; init; }
    public required string Data { get; init; }
    public required DateTimeOffset FireTime { get; init; }
    public required int Attempts { get; init; }
    public string? LastError { get; init; }
    public required DateTimeOffset DeadAt { get; init; }
}
