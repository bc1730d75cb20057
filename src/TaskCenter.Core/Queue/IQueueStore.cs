namespace TaskCenter.Core.Queue;

/// <summary>
/// The built-in queue's storage. Fires are routed into it by <see cref="Storage.ITaskStore.FireDueAsync"/>, in the
/// transaction that records them; every group whose subscription matches a fire's tag gets its own delivery, at a cost
/// that grows with the groups it goes to, not with all the groups there are.
/// A delivery is ready, leased (held by one consumer until its lease ends), or dead. Ack ends it; what became of it is
/// kept for the fire history (<see cref="Storage.ITaskReader.GetFireHistoryAsync"/>) as long as its fire is.
/// Stores are given the <see cref="Limits.LimitOptions"/>: at start they replace every stored subscription with more
/// patterns than <see cref="Limits.LimitOptions.MaxTagsPerSubscription"/> by <see cref="TagFilter.Nothing"/>, saying so
/// once per group (<see cref="SubscriptionLimits.LogSuspended"/>), at a cost that does not grow with what such a
/// subscription held.
/// </summary>
public interface IQueueStore
{
    /// <summary>
    /// Records (or changes) a group's subscription, at a cost that grows with this subscription, not with all of them.
    /// Fires kept for tags no group subscribed to, that this filter matches, are handed to this group. A new group
    /// belongs to <paramref name="owner"/> (the API key that made it; null without keys) and is made only while the
    /// server holds fewer than <see cref="Limits.LimitOptions.MaxGroups"/> groups and the owner fewer than
    /// <see cref="Limits.LimitOptions.MaxGroupsPerKey"/>; otherwise nothing is written.
    /// </summary>
    Task<SubscribeResult> SubscribeAsync(string group, TagFilter tags, string? owner, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The groups by name after <paramref name="afterGroup"/>, those <paramref name="include"/> takes, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ConsumerGroup>> ListGroupsAsync(string? afterGroup, int limit, Func<string, bool> include, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a group: its subscription, its pending messages (ready or leased: they are not delivered to it any more)
    /// and its dead letters. Null when the group has none of these.
    /// </summary>
    Task<GroupRemoval?> DeleteGroupAsync(string group, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> ready messages of the group, oldest fire first: ready ones whose retry delay
    /// has passed and leased ones whose lease has ended. Each lease lasts the fire's own lease when its task set
    /// max_runtime, else <paramref name="lease"/>. A message whose lease ended once more than the retries allow goes
    /// to the dead letters instead. Leasing stops before the message whose data would take the answer over
    /// <see cref="Limits.LimitOptions.MaxResponseBytes"/> (the first is always leased), so nothing is leased that is
    /// not returned. Returns at once, possibly empty.
    /// </summary>
    Task<IReadOnlyList<QueueMessage>> LeaseAsync(string group, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>When the group's next message becomes ready (a retry delay or a lease ending), or null if none is waiting.</summary>
    Task<DateTimeOffset?> GetNextReadyAsync(string group, CancellationToken cancellationToken);

    /// <summary>
    /// Acknowledges messages of the group at <paramref name="now"/>; returns the ids that were pending in it and are now
    /// done. All or nothing: when one of them is pending but was never handed out (attempt 0: since it was recorded or
    /// redriven), nothing is acked and the first such id is returned.
    /// </summary>
    Task<AckOutcome> AckAsync(string group, IReadOnlyList<string> msgIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Reports a failed handling, as <see cref="NackRule.Decide"/> says.</summary>
    Task<NackOutcome> NackAsync(string group, string msgId, string? failure, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The group's dead letters, oldest first, after the given msgid (paging): at most <paramref name="limit"/>, and
    /// no more data than <see cref="Limits.LimitOptions.MaxResponseBytes"/> (at least one).
    /// </summary>
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
