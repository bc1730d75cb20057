namespace TaskCenter.Client;

/// <summary>What <see cref="TaskCenterClient.DeleteGroupAsync"/> removed.</summary>
/// <param name="Group">The group's name (wire <c>group</c>).</param>
/// <param name="Subscription">Its subscription; <see langword="null"/> when it had none (wire <c>subscription</c>).</param>
/// <param name="Pending">Its messages not acked yet, deleted with it (wire <c>pending</c>).</param>
/// <param name="DeadLetters">Its dead letters, deleted with it (wire <c>dead_letters</c>).</param>
public sealed record RemovedGroup(string Group, string? Subscription, long Pending, long DeadLetters);
