using TaskCenter.Core.Engine;
using TaskCenter.Core.Storage;

namespace TaskCenter.Core.Queue;

/// <summary>Wakes long-polling consumers when fires are recorded or messages become ready again.</summary>
public sealed class QueueSignal(TimeProvider time) : IFireListener
{
    internal AsyncSignal Signal { get; } = new(time);

    public void OnFired(IReadOnlyList<FireRecord> fires)
    {
        if (fires.Count > 0)
        {
            Signal.Set();
        }
    }

    /// <summary>Messages became ready (a redrive, a subscription that took kept fires).</summary>
    public void MessagesReady() => Signal.Set();
}
