namespace TaskCenter.Client;

/// <summary>The answer to <see cref="ITaskCenterClient.NackAsync"/>: what the server did with the message.</summary>
/// <param name="MsgId">The message id.</param>
/// <param name="Result">Whether the message will be retried or is now a dead letter.</param>
/// <param name="RetryAt">When the message is delivered again; <see langword="null"/> unless <paramref name="Result"/> is <see cref="NackResult.Retrying"/>.</param>
public sealed record NackOutcome(string MsgId, NackResult Result, DateTimeOffset? RetryAt);
