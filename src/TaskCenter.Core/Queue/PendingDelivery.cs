namespace TaskCenter.Core.Queue;

/// <summary>A delivery that is ready or leased, as a store reads it for a nack (or writes it for a redrive: <see cref="RedriveRule"/>).</summary>
/// <param name="IsLeased">Leased (held by a consumer, or its lease ran out); else ready.</param>
/// <param name="Attempt">Deliveries so far: 0 until it is first handed out, and again after a redrive.</param>
/// <param name="AvailableAt">When it can be leased: its retry time while ready, its lease end while leased.</param>
public readonly record struct PendingDelivery(bool IsLeased, int Attempt, DateTimeOffset AvailableAt);
