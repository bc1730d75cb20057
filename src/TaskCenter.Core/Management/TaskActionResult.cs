using TaskCenter.Core.Tasks;
using TaskCenter.Core.Validation;

namespace TaskCenter.Core.Management;

/// <summary>Why an operator's action on a task was refused.</summary>
public enum TaskActionProblem
{
    None,

    /// <summary>No task has that id.</summary>
    NotFound,

    /// <summary>The task's state does not allow it (e.g. resuming a finished task).</summary>
    Conflict,

    /// <summary>A field of the change is wrong; see <see cref="TaskActionResult.Error"/>.</summary>
    Invalid,
}

/// <summary>The task after an action, or why the action was refused (nothing was changed then).</summary>
public sealed record TaskActionResult(ScheduledTask? Task, TaskActionProblem Problem, string? Message = null, FieldError? Error = null)
{
    public static TaskActionResult Done(ScheduledTask task) => new(task, TaskActionProblem.None);

    public static TaskActionResult NotFound(string id) => new(null, TaskActionProblem.NotFound, $"no task with taskid {id}");

    public static TaskActionResult Conflict(string message) => new(null, TaskActionProblem.Conflict, message);

    public static TaskActionResult Invalid(FieldError error) => new(null, TaskActionProblem.Invalid, error.ToString(), error);
}
