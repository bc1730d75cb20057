using TaskCenter.Core.Storage;

namespace TaskCenter.Core.Engine;

/// <summary>Told of fires once they are durably recorded (to wake consumers, count alerts). Must not block.</summary>
public interface IFireListener
{
    void OnFired(IReadOnlyList<FireRecord> fires);
}
