namespace TaskCenter.Core.Queue;

/// <summary>
/// The built-in queue's storage. Fires are routed into it by <see cref="Storage.ITaskStore.FireDueAsync"/>, in the
/// transaction that records them; every group whose subscription matches a fire's tag gets its own delivery.
/// A delivery is ready, leased (held by one consumer until its lease ends), or dead. Ack ends it; what became of it is
/// kept for the fire history (<see cref="Storage.ITaskReader.GetFireHistoryAsync"/>) as long as its fire is.
/// </summary>
public interface IQueueStore
{
    /// <summary>
    /// Records (or changes) a group's subscription. Fires kept for tags no group subscribed to, that this filter
    /// matches, are handed to this group.
    /// </summary>
    Task SubscribeAsync(string group, TagFilter tags, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> ready messages of the group, oldest fire first: ready ones whose retry delay
    /// has passed and leased ones whose lease has ended. Each lease lasts the fire's own lease when its task set
    /// max_runtime, else <paramref name="lease"/>. A message whose lease ended once more than the retries allow goes
    /// to the dead letters instead. Returns at once, possibly empty.
    /// </summary>
    Task<IReadOnlyList<QueueMessage>> LeaseAsync(string group, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>When the group's next message becomes ready (a retry delay or a lease ending), or null if none is waiting.</summary>
    Task<DateTimeOffset?> GetNextReadyAsync(string group, CancellationToken cancellationToken);

    /// <summary>Acknowledges messages of the group at <paramref name="now"/>; returns the ids that were pending in it and are now done.</summary>
    Task<IReadOnlyList<string>> AckAsync(string group, IReadOnlyList<string> msgIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Reports a failed handling: the message comes back after the next retry delay, or is dead-lettered.</summary>
    Task<NackOutcome> NackAsync(string group, string msgId, string? failure, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The group's dead letters, oldest first, after the given msgid (paging).</summary>
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string group, int limit, string? afterMsgId, CancellationToken cancellationToken);

    /// <summary>Makes dead letters ready again with a fresh retry budget (all of the group's when msgIds is null); returns the ids moved.</summary>
    Task<IReadOnlyList<string>> RedriveAsync(string group, IReadOnlyList<string>? msgIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes dead letters for good (all of the group's when msgIds is null); returns the ids deleted.</summary>
    Task<IReadOnlyList<string>> PurgeDeadLettersAsync(string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken);

    /// <summary>
    /// Records messages an external transport gave up on as dead letters of their group, so they can be listed, redriven
    /// and purged like the built-in queue's. Idempotent: a (group, msgid) already recorded is left as it is.
    /// </summary>
    Task AddDeadLettersAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken);

    /// <summary>
    /// Housekeeping: drops unrouted fires older than the unrouted retention and finished fires older than the
    /// history retention. Returns how many unrouted fires were dropped, so the caller can log it (nothing is dropped silently).
    /// </summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
