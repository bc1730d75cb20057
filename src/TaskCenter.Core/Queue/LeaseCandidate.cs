namespace TaskCenter.Core.Queue;

/// <summary>
/// A delivery a lease may hand out, joined with its fire, as a store reads it; the leasing rules every store follows.
/// <see cref="Attempt"/> counts deliveries so far (0 before the first).
/// </summary>
public sealed record LeaseCandidate(
    string MsgId, bool IsLeased, int Attempt, string TaskId, string Name, string Data, DateTimeOffset FireTime, TimeSpan? FireLease, bool Ack)
{
    /// <summary>
    /// A leased delivery whose lease ran out after its last allowed attempt (<see cref="QueueOptions.AttemptsUsedUp"/>):
    /// it goes to the dead letters instead of out again.
    /// </summary>
    public bool HasUsedUpItsAttempts(QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return IsLeased && options.AttemptsUsedUp(Attempt);
    }

    /// <summary>The message handed out when it is leased at <paramref name="now"/> (see <see cref="LeaseEnd"/>).</summary>
    public QueueMessage Lease(DateTimeOffset now, TimeSpan consumerLease) => new()
    {
        MsgId = MsgId,
        TaskId = TaskId,
        Name = Name,
        Data = Data,
        FireTime = FireTime,
        Attempt = Attempt + 1,
        LeaseUntil = LeaseEnd(now, FireLease, consumerLease),
        Ack = Ack,
    };

    /// <summary>
    /// When a lease taken at <paramref name="now"/> ends: the fire's own lease (its task's max_runtime) when set, else the
    /// consumer's; in whole milliseconds, as stores keep it.
    /// </summary>
    public static DateTimeOffset LeaseEnd(DateTimeOffset now, TimeSpan? fireLease, TimeSpan consumerLease) =>
        DateTimeOffset.FromUnixTimeMilliseconds((now + (fireLease is { } own && own > TimeSpan.Zero ? own : consumerLease)).ToUnixTimeMilliseconds());
}
