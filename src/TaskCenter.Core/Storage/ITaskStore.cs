using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>
/// The write side of task storage, and the narrow port the engine schedules through.
/// Every method is one transaction: it happens whole or not at all.
/// </summary>
public interface ITaskStore
{
    /// <summary>Creates or migrates the schema. Called once at start-up.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new task, unless a live task (pending, active or paused) has the same name and data: then nothing is
    /// written and that task's id is returned with Created = false (the seed's dedupe).
    /// </summary>
    Task<AddTaskResult> AddAsync(ScheduledTask task, CancellationToken cancellationToken);

    /// <summary>
    /// Adds many tasks in one transaction, each as <see cref="AddAsync"/> does (a later task of the batch equal to an
    /// earlier one gets the earlier one's id). All are stored or, on any failure, none. Results in the order given.
    /// </summary>
    Task<IReadOnlyList<AddTaskResult>> AddManyAsync(IReadOnlyList<ScheduledTask> tasks, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a task's definition and bookkeeping with <paramref name="revised"/> (pause, resume, update), only if
    /// the stored task still has <paramref name="revised"/>.Version; the version is then bumped. Fires already recorded
    /// stay: they go out as recorded, so nothing is lost and the fire count stays exact. Returns false, changing
    /// nothing, when the task is gone or its version moved.
    /// </summary>
    Task<bool> ReviseAsync(ScheduledTask revised, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the given tasks; returns the ids that existed and were deleted, in the order given. Fires the engine
    /// recorded ahead of time (due after <paramref name="now"/>, not delivered yet) are withdrawn with them; fires already
    /// due stay and are delivered.
    /// </summary>
    Task<IReadOnlyList<string>> DeleteAsync(IReadOnlyList<string> ids, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes every task with this name, as <see cref="DeleteAsync"/> does; returns their ids.</summary>
    Task<IReadOnlyList<string>> DeleteByNameAsync(string name, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The earliest next fire among pending and active tasks, or null when none is scheduled.</summary>
    Task<DateTimeOffset?> GetEarliestFireAsync(CancellationToken cancellationToken);

    /// <summary>How many pending and active tasks are due at or before <paramref name="dueBy"/>, counting at most <paramref name="cap"/>.</summary>
    Task<int> CountDueAsync(DateTimeOffset dueBy, int cap, CancellationToken cancellationToken);

    /// <summary>
    /// One engine pass, as one unit: takes up to <paramref name="limit"/> pending and active tasks whose next fire is at
    /// or before <paramref name="dueBy"/>, earliest first; asks <paramref name="plan"/> what each advances to; and
    /// applies the advances in one transaction: each task's bookkeeping is updated (only where its version still
    /// matches) and its fires are recorded and routed (<see cref="Delivery.FireRouting"/>). While it runs, no other
    /// server instance takes the same tasks. When it returns, the recorded fires survive a crash.
    /// <para>The engine asks a little ahead of now (its look-ahead), so fires are on disk before they are due.</para>
    /// </summary>
    Task<DueBatch> FireDueAsync(
        DateTimeOffset dueBy,
        int limit,
        Func<IReadOnlyList<ScheduledTask>, IReadOnlyList<TaskAdvance>> plan,
        CancellationToken cancellationToken);

    /// <summary>
    /// Applies advances of tasks read earlier, as the commit half of <see cref="FireDueAsync"/> does (each only where
    /// the task's version still matches); returns the fires recorded. Also how an operator's "trigger now" records its fire.
    /// </summary>
    Task<IReadOnlyList<FireRecord>> CommitAsync(IReadOnlyList<TaskAdvance> advances, CancellationToken cancellationToken);

    /// <summary>Deletes tasks that finished before the given time; returns how many.</summary>
    Task<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken);
}
