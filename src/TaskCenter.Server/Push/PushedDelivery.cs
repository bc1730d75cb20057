using TaskCenter.Core.Push;
using TaskCenter.Core.Storage;

namespace TaskCenter.Server.Push;

/// <summary>
/// A push group's delivery of a fire as its push attempts tell it, for the fire history when the broker holds the
/// message (RabbitMQ delivery: the server stores no delivery row, only the attempts and, at the end, a dead letter).
/// </summary>
internal static class PushedDelivery
{
    /// <summary>The fire with a delivery for each group that pushed it and has none recorded.</summary>
    public static FireHistoryEntry WithPushes(FireHistoryEntry fire, ILookup<(string MsgId, string Group), PushAttempt> pushes, IEnumerable<string> groups)
    {
        var recorded = fire.Deliveries.Select(delivery => delivery.Group).ToHashSet(StringComparer.Ordinal);
        var pushed = groups
            .Where(group => !recorded.Contains(group) && pushes.Contains((fire.MsgId, group)))
            .Select(group => From(group, pushes[(fire.MsgId, group)].OrderBy(push => push.Attempt).ToList()))
            .ToList();
        return pushed.Count == 0 ? fire : fire with { Deliveries = [.. fire.Deliveries, .. pushed] };
    }

    private static FireDelivery From(string group, List<PushAttempt> attempts)
    {
        var last = attempts[^1];
        var delivered = last.Error is null;
        return new FireDelivery
        {
            Group = group,
            State = delivered ? FireDeliveryState.Acked : FireDeliveryState.Ready,
            Attempts = last.Attempt,
            FirstDeliveredAt = attempts[0].At,
            DoneAt = delivered ? last.At + last.Duration : null,
            LastError = last.Error,
        };
    }
}
