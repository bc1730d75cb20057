using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>
/// The fire ledger: everything that touches fires, their deliveries, the outbox and the consumer groups' subscriptions,
/// one method per transaction the engine, the queue and the transport run. Every method happens whole or not at all.
/// <para>What each transaction decides is decided in Core and only written here: the engine's plan
/// (<see cref="Engine.FirePlanner"/>), which groups a fire goes to (<see cref="SubscriptionIndex"/>), what subscribing
/// does (<see cref="SubscriptionRule"/>), what a lease, a nack and a redrive do (<see cref="LeaseRule"/>,
/// <see cref="NackRule"/>, <see cref="RedriveRule"/>), how long kept fires and history last (<see cref="QueueOptions"/>).</para>
/// <para>A fire is recorded once per task and fire time, with a msgid it keeps on every delivery. With the built-in
/// queue (<see cref="FireRouting.BuiltInQueue"/>) it is routed, in the transaction that records it, to one delivery per
/// group whose subscription matches its tag, at a cost that grows with the groups it goes to, not with all the groups
/// there are; with no such group it is kept (unrouted) for the first group that subscribes to it. A delivery is ready,
/// leased (held by one consumer until its lease ends) or dead; ack ends it, and what became of it is kept for the fire
/// history (<see cref="ITaskReader.GetFireHistoryAsync"/>) as long as its fire is. With an external transport
/// (<see cref="FireRouting.Outbox"/>) a fire is recorded into the outbox instead, and stays there until the transport
/// confirmed it.</para>
/// <para>The ledger is given the <see cref="Limits.LimitOptions"/>: at start it replaces every stored subscription with
/// more patterns than <see cref="Limits.LimitOptions.MaxTagsPerSubscription"/> by <see cref="TagFilter.Nothing"/>, saying
/// so once per group (<see cref="SubscriptionLimits.LogSuspended"/>), at a cost that does not grow with what such a
/// subscription held.</para>
/// </summary>
public interface IFireLedger
{
    // ---- The engine ----

    /// <summary>
    /// Creates or migrates the storage's schema (tasks and fires alike) and loads the subscriptions. Called once at
    /// start-up, before any other call on the storage's ports.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The earliest next fire among pending and active tasks, or null when none is scheduled.</summary>
    Task<DateTimeOffset?> GetEarliestFireAsync(CancellationToken cancellationToken);

    /// <summary>How many pending and active tasks are due at or before <paramref name="dueBy"/>, counting at most <paramref name="cap"/>.</summary>
    Task<int> CountDueAsync(DateTimeOffset dueBy, int cap, CancellationToken cancellationToken);

    /// <summary>
    /// One engine pass, as one unit: takes up to <paramref name="limit"/> pending and active tasks whose next fire is at
    /// or before <paramref name="dueBy"/>, earliest first; asks <paramref name="plan"/> what each advances to; and
    /// applies the advances in one transaction: each task's bookkeeping is updated (only where its version still
    /// matches) and its fires are recorded and routed. While it runs, no other server instance takes the same tasks.
    /// When it returns, the recorded fires survive a crash.
    /// <para>The engine asks a little ahead of now (its look-ahead), so fires are on disk before they are due.</para>
    /// </summary>
    Task<DueBatch> FireDueAsync(
        DateTimeOffset dueBy,
        int limit,
        Func<IReadOnlyList<ScheduledTask>, IReadOnlyList<TaskAdvance>> plan,
        CancellationToken cancellationToken);

    /// <summary>
    /// Applies advances of tasks read earlier, as the commit half of <see cref="FireDueAsync"/> does (each only where
    /// the task's version still matches); returns the fires recorded. Also how an operator's "trigger now" records its fire.
    /// </summary>
    Task<IReadOnlyList<FireRecord>> CommitAsync(IReadOnlyList<TaskAdvance> advances, CancellationToken cancellationToken);

    // ---- The built-in queue ----

    /// <summary>
    /// Records (or changes) a group's subscription, at a cost that grows with this subscription, not with all of them.
    /// Fires kept for tags no group subscribed to, that this filter matches, are handed to this group. A new group
    /// belongs to <paramref name="owner"/> (the API key that made it; null without keys) and is made only while the
    /// server holds fewer than <see cref="Limits.LimitOptions.MaxGroups"/> groups and the owner fewer than
    /// <see cref="Limits.LimitOptions.MaxGroupsPerKey"/>; otherwise nothing is written. An unchanged subscription writes
    /// nothing (<see cref="SubscriptionRule.Compare"/>).
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
    /// Leases up to <paramref name="max"/> available messages of the group (<see cref="LeaseRule.IsAvailable"/>), oldest
    /// fire first, as <see cref="LeaseRule.Plan"/> decides: each lease lasts the fire's own lease when its task set
    /// max_runtime, else <paramref name="lease"/>; a message whose lease ended once more than the retries allow goes to
    /// the dead letters instead; leasing stops before the message whose data would take the answer over
    /// <see cref="Limits.LimitOptions.MaxResponseBytes"/> (the first is always leased), so nothing is leased that is not
    /// returned. Returns at once, possibly empty.
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

    /// <summary>Reports a failed handling, as <see cref="NackRule.Decide"/> says (with <paramref name="retryAt"/>, when given).</summary>
    Task<NackOutcome> NackAsync(
        string group, string msgId, string? failure, DateTimeOffset? retryAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The group's dead letters, oldest first, after the given msgid (paging): at most <paramref name="limit"/>, and
    /// no more data than <see cref="Limits.LimitOptions.MaxResponseBytes"/> (at least one).
    /// </summary>
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string group, int limit, string? afterMsgId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes dead letters ready again as <see cref="RedriveRule.Reset"/> says (all of the group's when msgIds is null);
    /// returns the ids moved.
    /// </summary>
    Task<IReadOnlyList<string>> RedriveAsync(string group, IReadOnlyList<string>? msgIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes dead letters for good (all of the group's when msgIds is null); returns the ids deleted.</summary>
    Task<IReadOnlyList<string>> PurgeDeadLettersAsync(string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken);

    /// <summary>
    /// Housekeeping: drops unrouted fires recorded before <see cref="QueueOptions.UnroutedKeptSince"/> and finished fires
    /// recorded before <see cref="QueueOptions.HistoryKeptSince"/>. Returns how many unrouted fires were dropped, so the
    /// caller can log it (nothing is dropped silently).
    /// </summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);

    // ---- An external transport ----

    /// <summary>
    /// Records messages an external transport gave up on as dead letters of their group, so they can be listed, redriven
    /// and purged like the built-in queue's. Idempotent: a (group, msgid) already recorded is left as it is.
    /// </summary>
    Task AddDeadLettersAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="limit"/> fires of the outbox due at or before <paramref name="dueBy"/>, earliest fire
    /// first, and runs <paramref name="publish"/> on them; when it returns, they are marked published. While it runs,
    /// no other server instance takes the same fires. If it throws, nothing is marked and the exception propagates, and
    /// the fires are published again (with the same msgids) by whichever instance takes them next. Returns how many
    /// fires were taken.
    /// </summary>
    Task<int> PublishDueAsync(
        DateTimeOffset dueBy, int limit, Func<IReadOnlyList<FireRecord>, CancellationToken, Task> publish, CancellationToken cancellationToken);

    /// <summary>The fire time of the earliest fire in the outbox, or null when the outbox is empty.</summary>
    Task<DateTimeOffset?> GetNextUnpublishedAsync(CancellationToken cancellationToken);

    /// <summary>How many fires wait in the outbox (due or not), counting at most <paramref name="cap"/>.</summary>
    Task<long> CountUnpublishedAsync(long cap, CancellationToken cancellationToken);
}
