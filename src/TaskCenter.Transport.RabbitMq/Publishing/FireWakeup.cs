using TaskCenter.Core.Engine;
using TaskCenter.Core.Storage;

namespace TaskCenter.Transport.RabbitMq.Publishing;

/// <summary>Wakes the <see cref="FirePublisher"/> when this instance records fires, which may be due earlier than it planned to look.</summary>
internal sealed class FireWakeup(TimeProvider time) : IFireListener
{
    public AsyncSignal Signal { get; } = new(time);

    public void OnFired(IReadOnlyList<FireRecord> fires)
    {
        if (fires.Count > 0)
        {
            Signal.Set();
        }
    }
}
