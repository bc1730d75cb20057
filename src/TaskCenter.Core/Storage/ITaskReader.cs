using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>The read side of task storage, for the API and the dashboard.</summary>
public interface ITaskReader
{
    Task<ScheduledTask?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// A page of tasks in (name, created_at, id) order (or the reverse), filtered; see <see cref="TaskQuery"/>. The store
    /// stops reading at the page's limit and byte budget: it never holds more than the page and one task's size.
    /// </summary>
    Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// A task's recorded fires still kept (see the history retention), latest fire first: at most
    /// <paramref name="limit"/>, with fire times before <paramref name="before"/> when given (paging).
    /// </summary>
    Task<IReadOnlyList<FireHistoryEntry>> GetFireHistoryAsync(
        string taskId, int limit, DateTimeOffset? before, CancellationToken cancellationToken);

    /// <summary>Tasks by type and state, and each group's backlog, counted now. Reads every task: call it now and then, not per request.</summary>
    Task<TaskCensus> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Tasks by type and state among the names <paramref name="names"/> matches, counted now: one range of the name
    /// index, read in full (a scoped key's share of the census).
    /// </summary>
    Task<IReadOnlyList<TaskCount>> CountTasksAsync(NamePattern names, CancellationToken cancellationToken);
}
