namespace TaskCenter.Core.Engine;

/// <summary>
/// Lets writers (the API adding or changing a task) wake the engine when a task is due before the engine's
/// planned wake-up; other writes cost nothing.
/// </summary>
public sealed class EngineWakeup(TimeProvider time)
{
    private long _plannedWakeTicks = long.MaxValue;

    internal AsyncSignal Signal { get; } = new(time);

    /// <summary>A task now fires at <paramref name="fireAt"/>.</summary>
    public void Scheduled(DateTimeOffset fireAt)
    {
        if (fireAt.UtcTicks < Interlocked.Read(ref _plannedWakeTicks))
        {
            Interlocked.Exchange(ref _plannedWakeTicks, fireAt.UtcTicks);
            Signal.Set();
        }
    }

    /// <summary>The engine will next look at <paramref name="wakeAt"/>; null while it is awake and looking now.</summary>
    internal void Planned(DateTimeOffset? wakeAt) =>
        Interlocked.Exchange(ref _plannedWakeTicks, wakeAt?.UtcTicks ?? long.MaxValue);
}
