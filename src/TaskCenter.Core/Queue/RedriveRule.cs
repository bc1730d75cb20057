namespace TaskCenter.Core.Queue;

/// <summary>What a redrive does to a dead letter: decided here, written by the store.</summary>
public static class RedriveRule
{
    /// <summary>
    /// The delivery a dead letter becomes when redriven at <paramref name="now"/>: ready at once, with a fresh retry
    /// budget (attempt 0: its next lease is its first delivery again, and it has every retry ahead of it; until then it
    /// cannot be acked or nacked). Its fire, msgid and last error stay.
    /// </summary>
    public static PendingDelivery Reset(DateTimeOffset now) => new(IsLeased: false, Attempt: 0, AvailableAt: now);
}
