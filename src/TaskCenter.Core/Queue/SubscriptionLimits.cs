using Microsoft.Extensions.Logging;
using TaskCenter.Core.Limits;

namespace TaskCenter.Core.Queue;

/// <summary>
/// The limits of <see cref="LimitOptions"/> on subscriptions and consumer groups, as the queue applies them, and what
/// it says when one is hit: each message names the limit's configuration key and what to do.
/// </summary>
public static class SubscriptionLimits
{
    /// <summary>
    /// Parses a consume call's tag expression within the limits: its length is checked before it is read, the number
    /// of patterns after (in canonical form). On failure returns false and says why (without the field name).
    /// </summary>
    public static bool TryParse(string expression, LimitOptions limits, out TagFilter filter, out string error)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(limits);
        filter = TagFilter.Nothing;
        if (expression.Length > limits.MaxTagExpressionLength)
        {
            error = $"is {expression.Length} characters long; at most {limits.MaxTagExpressionLength} are allowed " +
                $"(Limits:{nameof(LimitOptions.MaxTagExpressionLength)})";
            return false;
        }

        if (!TagFilter.TryParse(expression, out filter, out error))
        {
            return false;
        }

        if (filter.Patterns.Count > limits.MaxTagsPerSubscription)
        {
            error = $"names {filter.Patterns.Count} tags; a subscription may name at most {limits.MaxTagsPerSubscription} " +
                $"(Limits:{nameof(LimitOptions.MaxTagsPerSubscription)}): subscribe to a prefix such as 'billing.*' instead of its many tags";
            filter = TagFilter.Nothing;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Whether a new group of <paramref name="owner"/> (null without API keys) has room, given the groups the server holds
    /// and those the owner made: null when it has, else which limit it hits.
    /// </summary>
    public static SubscribeResult? RoomForNewGroup(long groups, long ownedByOwner, string? owner, LimitOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return groups >= limits.MaxGroups ? SubscribeResult.TooManyGroups
            : owner is not null && ownedByOwner >= limits.MaxGroupsPerKey ? SubscribeResult.TooManyGroupsForKey
            : null;
    }

    /// <summary>Why a subscription that makes a new group was refused, and how to make room.</summary>
    public static string Refusal(SubscribeResult result, string group, string? owner, LimitOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return result switch
        {
            SubscribeResult.TooManyGroups =>
                $"group '{group}' would be new, and the server holds {limits.MaxGroups} consumer groups, its limit " +
                $"(Limits:{nameof(LimitOptions.MaxGroups)}): an admin deletes groups no longer used (DELETE /v1/api/groups/{{group}}) or raises the limit",
            SubscribeResult.TooManyGroupsForKey =>
                $"group '{group}' would be new, and key '{owner}' created {limits.MaxGroupsPerKey} consumer groups, its limit " +
                $"(Limits:{nameof(LimitOptions.MaxGroupsPerKey)}): an admin deletes the key's groups no longer used (DELETE /v1/api/groups/{{group}}) or raises the limit",
            _ => throw new ArgumentOutOfRangeException(nameof(result), result, "not a refusal"),
        };
    }

    /// <summary>
    /// Says, once per group at start, that a subscription stored with more patterns than the limit (by an older version,
    /// or before the limit was lowered) was replaced by <see cref="TagFilter.Nothing"/>.
    /// </summary>
    public static void LogSuspended(ILogger logger, string group, long patterns, LimitOptions limits)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(limits);
        logger.LogWarning(
            "Consumer group {Group} had a stored subscription of {Patterns} tags, over Limits:MaxTagsPerSubscription ({MaxTags}): " +
            "it now matches nothing. Its pending messages stay; fires no other group takes are kept unrouted (Queue:UnroutedRetention) " +
            "and handed to it once it subscribes again within the limit",
            group, patterns, limits.MaxTagsPerSubscription);
    }
}
