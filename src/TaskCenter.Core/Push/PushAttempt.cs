namespace TaskCenter.Core.Push;

/// <summary>One push of a message to its group's target, as the fire history shows it.</summary>
/// <param name="MsgId">The fire's msgid.</param>
/// <param name="Group">The push group.</param>
/// <param name="Attempt">The delivery's attempt number (1 on the first).</param>
/// <param name="At">When the request was sent.</param>
/// <param name="Status">The answer's HTTP status; null when there was none (timeout, connection failure).</param>
/// <param name="Duration">From sending the request to its answer (or its failure).</param>
/// <param name="Error">Why it failed; null when it was delivered.</param>
public sealed record PushAttempt(string MsgId, string Group, int Attempt, DateTimeOffset At, int? Status, TimeSpan Duration, string? Error);
