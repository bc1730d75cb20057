using System.Collections.Concurrent;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Scheduling;

/// <summary>
/// The fire times a task's definition produces, before its limits (end_time, loop_count) are applied.
/// </summary>
public abstract class FireSchedule
{
    private static readonly ConcurrentDictionary<string, Crontab> ParsedCrontabs = new(StringComparer.Ordinal);
    private const int MaxCachedCrontabs = 10_000;

    /// <summary>The first fire of a new task created at <paramref name="now"/>; null when it would never fire.</summary>
    public abstract DateTimeOffset? First(DateTimeOffset now);

    /// <summary>The fire after <paramref name="previous"/>, or null.</summary>
    public abstract DateTimeOffset? After(DateTimeOffset previous);

    /// <summary>The first fire after <paramref name="previous"/> that is not before <paramref name="notBefore"/>.</summary>
    public abstract DateTimeOffset? SkipTo(DateTimeOffset previous, DateTimeOffset notBefore);

    /// <summary>The schedule of a stored (hence valid) task.</summary>
    public static FireSchedule For(ScheduledTask task) => task.Type switch
    {
        TaskType.OneShot => new OneShotSchedule(task.StartTime),
        TaskType.Interval => new IntervalSchedule(task.StartTime, task.LoopTime),
        TaskType.Cron => new CronSchedule(ParseCached(task.Crontab), TaskZone(task), task.StartTime),
        _ => throw new ArgumentOutOfRangeException(nameof(task), task.Type, "unknown task type"),
    };

    /// <summary>
    /// The zone a stored task's fire times are read in, for showing them: its crontab's CRON_TZ=/TZ= zone if it has
    /// one, else its timezone.
    /// </summary>
    public static TimeZoneInfo ZoneOf(ScheduledTask task) =>
        task.Type == TaskType.Cron ? ParseCached(task.Crontab).ReadIn(TaskZone(task)) : TaskZone(task);

    private static TimeZoneInfo TaskZone(ScheduledTask task) =>
        TimeZones.TryFind(task.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private static Crontab ParseCached(string expression)
    {
        if (ParsedCrontabs.TryGetValue(expression, out var cached))
        {
            return cached;
        }

        if (!Crontab.TryParse(expression, out var crontab, out var error))
        {
            throw new FormatException($"stored crontab '{expression}' is invalid: {error}");
        }

        if (ParsedCrontabs.Count >= MaxCachedCrontabs)
        {
            ParsedCrontabs.Clear();
        }

        ParsedCrontabs[expression] = crontab;
        return crontab;
    }

    /// <summary>The start time, or <paramref name="now"/> when none is given or it has passed.</summary>
    protected static DateTimeOffset StartOrNow(DateTimeOffset? startTime, DateTimeOffset now) =>
        startTime is { } start && start > now ? start : now;
}
