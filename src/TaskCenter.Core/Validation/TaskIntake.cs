using TaskCenter.Core.Engine;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Validation;

/// <summary>
/// Adding a task, in-process: validate, store (or find the live duplicate), and wake the engine when the task is
/// due before its planned wake-up. The HTTP endpoint and in-process hosts both add tasks through this.
/// </summary>
public sealed class TaskIntake(TaskValidator validator, ITaskStore store, EngineWakeup wakeup)
{
    /// <summary>The stored (or existing) task's id, or the first field that is wrong. Nothing is stored on an error.</summary>
    public async Task<(AddTaskResult? Added, FieldError? Error)> AddAsync(TaskSubmission submission, CancellationToken cancellationToken)
    {
        var (task, error) = validator.Validate(submission);
        if (task is null)
        {
            return (null, error);
        }

        var added = await store.AddAsync(task, cancellationToken);
        if (added.Created && task.NextFireAt is { } next)
        {
            wakeup.Scheduled(next);
        }

        return (added, null);
    }

    /// <summary>
    /// Adds a batch all or nothing: every submission is validated first, and the first wrong one (its index and field)
    /// stops the batch before anything is stored; then all are stored in one transaction.
    /// </summary>
    public async Task<(IReadOnlyList<AddTaskResult>? Added, int FailedIndex, FieldError? Error)> AddManyAsync(
        IReadOnlyList<TaskSubmission> submissions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var tasks = new List<ScheduledTask>(submissions.Count);
        for (var i = 0; i < submissions.Count; i++)
        {
            var (task, error) = validator.Validate(submissions[i]);
            if (task is null)
            {
                return (null, i, error);
            }

            tasks.Add(task);
        }

        var added = await store.AddManyAsync(tasks, cancellationToken);
        var earliest = tasks.Where((task, i) => added[i].Created).Min(task => task.NextFireAt);
        if (earliest is { } next)
        {
            wakeup.Scheduled(next);
        }

        return (added, -1, null);
    }
}
