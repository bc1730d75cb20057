namespace TaskCenter.Core.Queue;

/// <summary>A consume would make a new consumer group and there is no room for it (<see cref="SubscriptionLimits.Refusal"/>).</summary>
public sealed class GroupLimitException(string message) : Exception(message);
