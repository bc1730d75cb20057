namespace TaskCenter.Core.Queue;

/// <summary>A consumer group of the built-in queue as stored: its subscription, the key that created it, and since when.</summary>
/// <param name="Name">The group's name.</param>
/// <param name="Subscription">What it subscribes to (<see cref="TagFilter.Nothing"/> after its stored one went over the limits).</param>
/// <param name="Owner">The name of the API key that created it; null when it was made without keys (or before owners were kept).</param>
/// <param name="SubscribedAt">When its subscription was last set.</param>
public sealed record ConsumerGroup(string Name, TagFilter Subscription, string? Owner, DateTimeOffset SubscribedAt)
{
    /// <summary>A group as a store keeps it: its subscription in canonical form (see <see cref="TagFilter.ParseStored"/>).</summary>
    public static ConsumerGroup Stored(string name, string subscription, string? owner, DateTimeOffset subscribedAt) =>
        new(name, TagFilter.ParseStored(name, subscription), owner, subscribedAt);
}

/// <summary>
/// A page of consumer groups as <see cref="Storage.IFireLedger.ListGroupsAsync"/> answers it: of the groups a store
/// reads in name order, those <c>include</c> takes, at most <c>limit</c>; the store stops reading once it is full.
/// </summary>
public sealed class ConsumerGroupPage(int limit, Func<string, bool> include)
{
    private readonly List<ConsumerGroup> _groups = [];

    /// <summary>The groups taken so far.</summary>
    public IReadOnlyList<ConsumerGroup> Groups => _groups;

    /// <summary>Whether the page holds <c>limit</c> groups: nothing more is read.</summary>
    public bool IsFull => _groups.Count >= limit;

    /// <summary>The next stored group, taken when the caller includes it (see <see cref="ConsumerGroup.Stored"/>).</summary>
    public void Offer(string name, string subscription, string? owner, DateTimeOffset subscribedAt)
    {
        if (include(name))
        {
            _groups.Add(ConsumerGroup.Stored(name, subscription, owner, subscribedAt));
        }
    }
}
