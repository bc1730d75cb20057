using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>
/// The write side of task definitions: what the API and an operator change. Every method is one transaction: it
/// happens whole or not at all. What happens to fires (recording, routing, delivering) is the <see cref="IFireLedger"/>'s.
/// </summary>
public interface ITaskStore
{
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
    /// recorded ahead of time (due after <paramref name="now"/>, not delivered yet) are withdrawn from the ledger in the
    /// same transaction; fires already due stay and are delivered.
    /// </summary>
    Task<IReadOnlyList<string>> DeleteAsync(IReadOnlyList<string> ids, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes every task with this name, as <see cref="DeleteAsync"/> does; returns their ids.</summary>
    Task<IReadOnlyList<string>> DeleteByNameAsync(string name, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes tasks that finished before the given time; returns how many.</summary>
    Task<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken);
}
