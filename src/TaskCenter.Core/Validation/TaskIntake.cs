using TaskCenter.Core.Engine;
using TaskCenter.Core.Storage;

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
}
