using TaskCenter.Core.Storage;

namespace TaskCenter.Core.Delivery;

/// <summary>
/// Fires recorded for an external transport (<see cref="FireRouting.Outbox"/>) and not yet handed to it. A fire stays
/// here until the transport has confirmed it, so a crash or an unreachable broker loses nothing: it is published again
/// (with the same msgid) by whichever server instance takes it next.
/// </summary>
public interface IFireOutbox
{
    /// <summary>
    /// Takes up to <paramref name="limit"/> unpublished fires due at or before <paramref name="dueBy"/>, earliest fire
    /// first, and runs <paramref name="publish"/> on them; when it returns, they are marked published. While it runs,
    /// no other server instance takes the same fires. If it throws, nothing is marked and the exception propagates.
    /// Returns how many fires were taken.
    /// </summary>
    Task<int> PublishDueAsync(
        DateTimeOffset dueBy, int limit, Func<IReadOnlyList<FireRecord>, CancellationToken, Task> publish, CancellationToken cancellationToken);

    /// <summary>The fire time of the earliest unpublished fire, or null when the outbox is empty.</summary>
    Task<DateTimeOffset?> GetNextUnpublishedAsync(CancellationToken cancellationToken);

    /// <summary>How many fires wait in the outbox (due or not), counting at most <paramref name="cap"/>.</summary>
    Task<long> CountUnpublishedAsync(long cap, CancellationToken cancellationToken);
}
