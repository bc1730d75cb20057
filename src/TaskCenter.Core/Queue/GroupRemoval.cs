namespace TaskCenter.Core.Queue;

/// <summary>What deleting a consumer group removed (<see cref="Storage.IFireLedger.DeleteGroupAsync"/>).</summary>
/// <param name="Subscription">Its subscription; null when it had none stored (only dead letters).</param>
/// <param name="Pending">Its messages not acked yet (ready or leased), now gone for it.</param>
/// <param name="DeadLetters">Its dead letters, now gone.</param>
public sealed record GroupRemoval(TagFilter? Subscription, long Pending, long DeadLetters)
{
    /// <summary>What a store deleted: the stored subscription (null when none) and the deliveries; null when nothing.</summary>
    public static GroupRemoval? Of(string group, string? storedSubscription, long pending, long deadLetters) =>
        storedSubscription is null && pending == 0 && deadLetters == 0
            ? null
            : new GroupRemoval(storedSubscription is null ? null : TagFilter.ParseStored(group, storedSubscription), pending, deadLetters);
}
