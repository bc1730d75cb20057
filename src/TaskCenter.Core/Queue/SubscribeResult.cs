namespace TaskCenter.Core.Queue;

/// <summary>What became of a subscription (<see cref="Storage.IFireLedger.SubscribeAsync"/>).</summary>
public enum SubscribeResult
{
    /// <summary>The group holds the subscription (made, changed, or already so).</summary>
    Subscribed,

    /// <summary>The group is new and the server holds <see cref="Limits.LimitOptions.MaxGroups"/> groups already: nothing was written.</summary>
    TooManyGroups,

    /// <summary>The group is new and its key created <see cref="Limits.LimitOptions.MaxGroupsPerKey"/> groups already: nothing was written.</summary>
    TooManyGroupsForKey,
}
