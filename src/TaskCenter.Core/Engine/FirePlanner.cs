using TaskCenter.Core.Scheduling;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Engine;

/// <summary>
/// Decides which fires a due task produces at <c>now</c> and where its schedule goes next. Pure: no clock, no storage.
/// <list type="bullet">
/// <item>Every fire due at or before now is produced, in order, with its scheduled time.</item>
/// <item>Misfires: a fire older than the misfire threshold is produced once for the whole period beyond the threshold
/// (interval and cron tasks then skip to their first time within the threshold, so a long outage causes no storm);
/// a one-shot always fires.</item>
/// <item>end_time stops fires after it; loop_count caps the fires produced (a coalesced misfire counts once).</item>
/// </list>
/// </summary>
public sealed class FirePlanner
{
    private readonly TimeSpan _misfireThreshold;
    private readonly int _maxFiresPerTask;

    public FirePlanner(TimeSpan misfireThreshold, int maxFiresPerTask = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(misfireThreshold, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFiresPerTask, 1);
        _misfireThreshold = misfireThreshold;
        _maxFiresPerTask = maxFiresPerTask;
    }

    /// <summary>The first fire of a new task, within its limits; null when it would never fire.</summary>
    public static DateTimeOffset? FirstFire(ScheduledTask task, DateTimeOffset now)
    {
        var first = FireSchedule.For(task).First(now);
        return first is { } t && Allows(task, t, firedCount: 0) ? t : null;
    }

    /// <summary>
    /// Where the schedule of an existing task starts again at <paramref name="now"/> (resumed, or its schedule changed):
    /// a cron task at its next time after now; an interval task at start_time if that is still ahead, else at once if
    /// it never fired, else one interval from now; a one-shot that never fired at start_time, or at once if that passed
    /// (it must not be lost). Its limits apply, counting the fires so far; null when it would never fire again.
    /// </summary>
    public static DateTimeOffset? RestartAt(ScheduledTask task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        var schedule = FireSchedule.For(task);
        var next = schedule.First(now);
        if (task.Type == TaskType.Interval && task.FiredCount > 0 && next == now)
        {
            next = schedule.After(now);
        }

        return next is { } t && Allows(task, t, task.FiredCount) ? t : null;
    }

    /// <summary>The task's next <paramref name="count"/> fires as scheduled now, limits applied (none while paused or finished).</summary>
    public static IReadOnlyList<DateTimeOffset> Upcoming(ScheduledTask task, int count)
    {
        ArgumentNullException.ThrowIfNull(task);
        var times = new List<DateTimeOffset>(Math.Max(0, count));
        var schedule = FireSchedule.For(task);
        var fired = task.FiredCount;
        for (var next = task.NextFireAt; next is { } t && times.Count < count && Allows(task, t, fired); next = schedule.After(t))
        {
            times.Add(t);
            fired++;
        }

        return times;
    }

    /// <summary>Plans the fires due by <paramref name="now"/>.</summary>
    public FirePlan Plan(ScheduledTask task, DateTimeOffset now) => Plan(task, now, horizon: now);

    /// <summary>
    /// Plans the fires due by <paramref name="horizon"/> (at or after now: the engine records fires a little ahead of
    /// their time); misfires are judged against <paramref name="now"/>.
    /// </summary>
    public FirePlan Plan(ScheduledTask task, DateTimeOffset now, DateTimeOffset horizon)
    {
        var schedule = FireSchedule.For(task);
        var fires = new List<DateTimeOffset>();
        var fired = task.FiredCount;
        var next = task.NextFireAt;

        while (next is { } due && due <= horizon && fires.Count < _maxFiresPerTask)
        {
            if (!Allows(task, due, fired))
            {
                next = null;
                break;
            }

            fires.Add(due);
            fired++;
            next = now - due > _misfireThreshold
                ? schedule.SkipTo(due, now - _misfireThreshold)
                : schedule.After(due);
        }

        if (next is { } upcoming && !Allows(task, upcoming, fired))
        {
            next = null;
        }

        var advanced = task with
        {
            FiredCount = fired,
            NextFireAt = next,
            State = next is null ? TaskState.Finished : fired > 0 ? TaskState.Active : task.State,
            FinishedAt = next is null ? now : null,
        };
        return new FirePlan(advanced, fires);
    }

    private static bool Allows(ScheduledTask task, DateTimeOffset fireTime, long firedCount)
    {
        if (task.EndTime is { } end && fireTime > end)
        {
            return false;
        }

        return task.Type switch
        {
            TaskType.OneShot => firedCount == 0,
            _ => task.LoopCount <= 0 || firedCount < task.LoopCount,
        };
    }
}
