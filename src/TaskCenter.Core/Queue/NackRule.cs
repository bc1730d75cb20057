namespace TaskCenter.Core.Queue;

/// <summary>What a nack does to a pending delivery: decided here, written by the store.</summary>
public static class NackRule
{
    /// <summary>The dead letter's last error when the consumer gave none.</summary>
    public const string DefaultError = "nacked";

    /// <summary>
    /// The outcome of a nack at <paramref name="now"/>, and what the store writes. Only a message that was handed out can
    /// be nacked (<see cref="NackResult.NotHandedOut"/>, nothing changes), so nobody postpones a message they never
    /// received. A message already waiting for its retry stays as it is and the answer is its retry time: a nack sent
    /// twice does not postpone it again. A leased one comes back after the delay of its attempt, or, its retries used
    /// up, is dead-lettered; either way with <paramref name="failure"/> as its last error (<see cref="DefaultError"/>
    /// when the consumer gave none). <paramref name="retryAt"/>, when given (a push target's Retry-After), replaces the
    /// delay of the attempt, never earlier than now; the attempt still counts toward the retries.
    /// </summary>
    public static NackDecision Decide(
        PendingDelivery delivery, string? failure, DateTimeOffset now, QueueOptions options, DateTimeOffset? retryAt = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (delivery.Attempt == 0)
        {
            return NackDecision.Unchanged(new NackOutcome(NackResult.NotHandedOut));
        }

        if (!delivery.IsLeased)
        {
            return NackDecision.Unchanged(new NackOutcome(NackResult.Retrying, delivery.AvailableAt));
        }

        var error = string.IsNullOrEmpty(failure) ? DefaultError : failure;
        if (options.AttemptsUsedUp(delivery.Attempt))
        {
            return new NackDecision(new NackOutcome(NackResult.DeadLettered), error);
        }

        var next = retryAt is { } asked ? (asked < now ? now : asked) : now + options.DelayBeforeRetry(delivery.Attempt);
        return new NackDecision(new NackOutcome(NackResult.Retrying, DateTimeOffset.FromUnixTimeMilliseconds(next.ToUnixTimeMilliseconds())), error);
    }
}

/// <summary>
/// A nack as <see cref="NackRule.Decide"/> judged it: the answer, and what the store writes — when <see cref="Error"/>
/// is set, the delivery becomes a dead letter (<see cref="NackResult.DeadLettered"/>) or ready again at
/// <see cref="NackOutcome.RetryAt"/> (<see cref="NackResult.Retrying"/>), with that last error; else nothing.
/// </summary>
public readonly record struct NackDecision(NackOutcome Outcome, string? Error)
{
    /// <summary>Whether the store writes anything.</summary>
    public bool Writes => Error is not null;

    /// <summary>The answer, with nothing to write.</summary>
    public static NackDecision Unchanged(NackOutcome outcome) => new(outcome, Error: null);
}
