namespace TaskCenter.Core.Queue;

/// <summary>What subscribing a group does, given the subscription stored for it: decided here, written by the store.</summary>
public static class SubscriptionRule
{
    /// <summary>
    /// Compares the group's stored subscription (its canonical expression; null when the group does not exist) with the
    /// one asked for. An unchanged subscription writes nothing: every fire it matches was routed when recorded (or
    /// handed over when it was first made), and consumers subscribe again on every poll. A new group is made only
    /// where there is room for it (<see cref="SubscriptionLimits.RoomForNewGroup"/>).
    /// </summary>
    public static SubscriptionChange Compare(string? stored, TagFilter requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        return stored is null ? SubscriptionChange.NewGroup
            : stored == requested.Expression ? SubscriptionChange.Unchanged
            : SubscriptionChange.Changed;
    }
}

/// <summary>What a subscription does to a group (<see cref="SubscriptionRule.Compare"/>).</summary>
public enum SubscriptionChange
{
    /// <summary>The group holds this subscription already: nothing to write.</summary>
    Unchanged,

    /// <summary>The group's subscription changes: it is written, and kept fires it now matches are handed over.</summary>
    Changed,

    /// <summary>The group is made, if there is room for it, with this subscription.</summary>
    NewGroup,
}
