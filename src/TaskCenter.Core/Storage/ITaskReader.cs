using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>The read side of task storage, for the API (and later the dashboard).</summary>
public interface ITaskReader
{
    Task<ScheduledTask?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every task with this name, newest created first.</summary>
    Task<IReadOnlyList<ScheduledTask>> ListByNameAsync(string name, CancellationToken cancellationToken);
}
