using TaskCenter.Core.Engine;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Core.Validation;

namespace TaskCenter.Core.Management;

/// <summary>
/// An operator's actions on one task: pause, resume, update, trigger now. Each reads the task, decides its new form and
/// writes it only if nobody (the engine, another instance) changed it meanwhile; otherwise it reads again.
/// <para>Fires the engine already recorded (at most its look-ahead, 0.5 s by default, before they are due) are not
/// taken back: they go out as recorded. An action applies from the task's next fire not recorded yet.</para>
/// </summary>
public sealed class TaskAdmin(
    ITaskStore store,
    IFireLedger ledger,
    ITaskReader reader,
    TaskValidator validator,
    TaskIdGenerator ids,
    EngineWakeup wakeup,
    IEnumerable<IFireListener> listeners,
    TimeProvider time)
{
    /// <summary>The engine advances a busy task at most a few times a second; this many tries outlast that.</summary>
    private const int MaxTries = 20;

    private readonly IFireListener[] _listeners = [.. listeners];

    /// <summary>Stops the task's schedule; idempotent. A finished task cannot be paused.</summary>
    public Task<TaskActionResult> PauseAsync(string id, CancellationToken cancellationToken) =>
        ReviseAsync(id, task => task.State switch
        {
            TaskState.Finished => Finished(task, "paused"),
            TaskState.Paused => Decision.Keep,
            _ => Decision.Write(task with { State = TaskState.Paused, NextFireAt = null }),
        }, cancellationToken);

    /// <summary>Starts a paused task's schedule again from now (<see cref="FirePlanner.RestartAt"/>); idempotent.</summary>
    public Task<TaskActionResult> ResumeAsync(string id, CancellationToken cancellationToken) =>
        ReviseAsync(id, task =>
        {
            if (task.State != TaskState.Paused)
            {
                return task.State == TaskState.Finished ? Finished(task, "resumed") : Decision.Keep;
            }

            return FirePlanner.RestartAt(task, time.GetUtcNow()) is { } next
                ? Decision.Write(Live(task, next))
                : Decision.Refuse(TaskActionResult.Conflict($"task {task.Id} has no fire left in its schedule (end_time or loop_count reached); update it to resume it"));
        }, cancellationToken);

    /// <summary>
    /// Changes the task's definition, validated as on add. The next fire is recomputed when the schedule moves (or the
    /// task had finished); a paused task stays paused. A change that leaves the task no fire is refused.
    /// </summary>
    /// <param name="change">The fields to change (null = unchanged); its name and type must be null: they cannot change.</param>
    public Task<TaskActionResult> UpdateAsync(string id, TaskSubmission change, CancellationToken cancellationToken) =>
        ReviseAsync(id, task =>
        {
            var (changed, error) = validator.ValidateChange(task, change);
            if (changed is null)
            {
                return Decision.Refuse(TaskActionResult.Invalid(error!));
            }

            var now = time.GetUtcNow();
            if (FirePlanner.RestartAt(changed, now) is not { } restart)
            {
                return Decision.Refuse(TaskActionResult.Invalid(NeverFires(changed)));
            }

            if (task.State == TaskState.Paused)
            {
                return Decision.Write(changed);
            }

            var keepsCadence = !MovesSchedule(change) && task.State != TaskState.Finished;
            if (keepsCadence && FirePlanner.Upcoming(changed, 1) is [var next])
            {
                return Decision.Write(changed with { NextFireAt = next });
            }

            return Decision.Write(Live(changed, restart));
        }, cancellationToken);

    /// <summary>
    /// Records one extra fire of the task now, delivered like any other; its schedule, state and fire count stay as
    /// they are (it works on paused and finished tasks too). Returns the fire.
    /// </summary>
    public async Task<(FireRecord? Fire, TaskActionResult Result)> TriggerAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            if (await reader.GetAsync(id, cancellationToken) is not { } task)
            {
                return (null, TaskActionResult.NotFound(id));
            }

            var now = time.GetUtcNow();
            var fire = FireRecord.Of(task, ids.NewId(), now, now);
            var recorded = await ledger.CommitAsync([new TaskAdvance(task, [fire])], cancellationToken);
            if (recorded.Count == 1)
            {
                foreach (var listener in _listeners)
                {
                    listener.OnFired(recorded);
                }

                return (fire, TaskActionResult.Done(task with { Version = task.Version + 1 }));
            }
        }

        return (null, Busy(id));
    }

    private async Task<TaskActionResult> ReviseAsync(string id, Func<ScheduledTask, Decision> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            if (await reader.GetAsync(id, cancellationToken) is not { } task)
            {
                return TaskActionResult.NotFound(id);
            }

            var decision = decide(task);
            if (decision.Refusal is { } refusal)
            {
                return refusal;
            }

            if (decision.Revised is not { } revised)
            {
                return TaskActionResult.Done(task);
            }

            if (await store.ReviseAsync(revised, cancellationToken))
            {
                if (revised.NextFireAt is { } next)
                {
                    wakeup.Scheduled(next);
                }

                return TaskActionResult.Done(revised with { Version = revised.Version + 1 });
            }
        }

        return Busy(id);
    }

    /// <summary>Whether a change moves the times the task fires at (not merely its limits or payload).</summary>
    private static bool MovesSchedule(TaskSubmission change) =>
        change.Crontab is not null || change.LoopTime is not null || change.StartTime is not null || change.TimeZone is not null;

    /// <summary>The task live again, next firing at <paramref name="next"/>.</summary>
    private static ScheduledTask Live(ScheduledTask task, DateTimeOffset next) => task with
    {
        State = task.FiredCount > 0 ? TaskState.Active : TaskState.Pending,
        NextFireAt = next,
        FinishedAt = null,
    };

    private static FieldError NeverFires(ScheduledTask task)
    {
        if (task.Type == TaskType.OneShot)
        {
            return new FieldError("start_time", "cannot bring back a one-shot task that has fired; add a new task");
        }

        if (task.LoopCount > 0 && task.FiredCount >= task.LoopCount)
        {
            return new FieldError("loop_count", $"must be more than the {task.FiredCount} fires so far, or 0 for no limit");
        }

        return task.EndTime is not null
            ? new FieldError("end_time", "is before the task's next fire; it would never fire again")
            : new FieldError("crontab", "never fires in the future");
    }

    private static Decision Finished(ScheduledTask task, string action) =>
        Decision.Refuse(TaskActionResult.Conflict($"task {task.Id} is finished and cannot be {action}"));

    private static TaskActionResult Busy(string id) =>
        TaskActionResult.Conflict($"task {id} kept changing while this was applied; try again");

    /// <summary>What an action makes of the task it read: write this, keep it as it is, or refuse.</summary>
    private readonly record struct Decision(ScheduledTask? Revised, TaskActionResult? Refusal)
    {
        public static Decision Keep => default;

        public static Decision Write(ScheduledTask revised) => new(revised, null);

        public static Decision Refuse(TaskActionResult refusal) => new(null, refusal);
    }
}
