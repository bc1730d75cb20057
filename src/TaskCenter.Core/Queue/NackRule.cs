namespace TaskCenter.Core.Queue;

/// <summary>What a nack does to a pending delivery: decided here, written by the store.</summary>
public static class NackRule
{
    /// <summary>The dead letter's last error when the consumer gave none.</summary>
    public const string DefaultError = "nacked";

    /// <summary>
    /// The outcome of a nack at <paramref name="now"/>, and whether the store writes it. Only a message that was handed
    /// out can be nacked (<see cref="NackResult.NotHandedOut"/>, nothing changes), so nobody postpones a message they
    /// never received. A message already waiting for its retry stays as it is and the answer is its retry time: a nack
    /// sent twice does not postpone it again. A leased one comes back after the delay of its attempt, or, its retries
    /// used up, is dead-lettered.
    /// </summary>
    public static (NackOutcome Outcome, bool Write) Decide(PendingDelivery delivery, DateTimeOffset now, QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (delivery.Attempt == 0)
        {
            return (new NackOutcome(NackResult.NotHandedOut), false);
        }

        if (!delivery.IsLeased)
        {
            return (new NackOutcome(NackResult.Retrying, delivery.AvailableAt), false);
        }

        if (options.AttemptsUsedUp(delivery.Attempt))
        {
            return (new NackOutcome(NackResult.DeadLettered), true);
        }

        var retryAt = DateTimeOffset.FromUnixTimeMilliseconds((now + options.DelayBeforeRetry(delivery.Attempt)).ToUnixTimeMilliseconds());
        return (new NackOutcome(NackResult.Retrying, retryAt), true);
    }
}
