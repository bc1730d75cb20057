namespace TaskCenter.Client;

/// <summary>The answer to <see cref="TaskCenterClient.NackAsync"/>.</summary>
/// <param name="MsgId">The message id.</param>
/// <param name="Outcome">Whether the message will be retried or is now a dead letter.</param>
/// <param name="RetryAt">When the message is delivered again; <see langword="null"/> unless <paramref name="Outcome"/> is <see cref="NackOutcome.Retrying"/>.</param>
public sealed record NackResult(string MsgId, NackOutcome Outcome, DateTimeOffset? RetryAt);
