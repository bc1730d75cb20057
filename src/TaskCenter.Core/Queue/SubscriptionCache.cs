using System.Collections.Concurrent;

namespace TaskCenter.Core.Queue;

/// <summary>
/// The one cache of subscriptions: those this instance wrote, so that a poll whose subscription is unchanged costs no
/// call to storage (consumers subscribe on every poll). A subscription is taken as still stored for
/// <see cref="Recheck"/> after it was written: another instance may have deleted the group meanwhile, and its
/// consumers' polls make it again within that time.
/// </summary>
internal sealed class SubscriptionCache
{
    /// <summary>How long a subscription this instance wrote is taken as stored without asking storage.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (string Expression, DateTimeOffset WrittenAt)> _written = new(StringComparer.Ordinal);

    /// <summary>Whether the group's subscription is known to be <paramref name="tags"/> at <paramref name="now"/>: written here less than <see cref="Recheck"/> before.</summary>
    public bool Holds(string group, TagFilter tags, DateTimeOffset now) =>
        _written.TryGetValue(group, out var known) && known.Expression == tags.Expression && now - known.WrittenAt < Recheck;

    /// <summary>Storage held the group's subscription at <paramref name="writtenAt"/> (written then, or found unchanged).</summary>
    public void Stored(string group, TagFilter tags, DateTimeOffset writtenAt) => _written[group] = (tags.Expression, writtenAt);

    /// <summary>The group is being deleted: its next poll asks storage again.</summary>
    public void Forget(string group) => _written.TryRemove(group, out _);
}
