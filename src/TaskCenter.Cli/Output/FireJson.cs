using TaskCenter.Client;

namespace TaskCenter.Cli.Output;

/// <summary>A fire in --json output, as <c>GET /v1/api/tasks/{id}/fires</c> lists it (times in unix milliseconds).</summary>
internal sealed record FireJson(
    string Msgid, long FireTimeMs, long RecordedAtMs, long? PublishedAtMs, bool Unrouted, bool Unpublished, IReadOnlyList<FireDeliveryJson> Deliveries)
{
    public static FireJson From(TaskFire fire) => new(
        fire.MsgId, fire.FireTime.ToUnixTimeMilliseconds(), fire.RecordedAt.ToUnixTimeMilliseconds(), fire.PublishedAt?.ToUnixTimeMilliseconds(),
        fire.Unrouted, fire.Unpublished, [.. fire.Deliveries.Select(FireDeliveryJson.From)]);
}

/// <summary>What became of a fire in one consumer group, in --json output.</summary>
internal sealed record FireDeliveryJson(
    string Group, string State, int Attempts, long? FirstDeliveredAtMs, long? LatenessMs, long? DoneAtMs, string? LastError, long? AvailableAtMs)
{
    public static FireDeliveryJson From(FireDelivery delivery) => new(
        delivery.Group, delivery.State.ToString().ToLowerInvariant(), delivery.Attempts, delivery.FirstDeliveredAt?.ToUnixTimeMilliseconds(),
        (long?)delivery.Lateness?.TotalMilliseconds, delivery.DoneAt?.ToUnixTimeMilliseconds(), delivery.LastError,
        delivery.AvailableAt?.ToUnixTimeMilliseconds());
}
