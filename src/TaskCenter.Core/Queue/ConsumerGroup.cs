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
