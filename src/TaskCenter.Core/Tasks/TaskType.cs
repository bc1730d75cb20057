namespace TaskCenter.Core.Tasks;

/// <summary>The seed's task types; the numeric values are part of the wire format.</summary>
public enum TaskType
{
    /// <summary>Fires once, at <c>start_time</c> or at once.</summary>
    OneShot = 1,

    /// <summary>Fires every <c>loop_time</c> seconds, anchored to the first fire.</summary>
    Interval = 2,

    /// <summary>Fires on a crontab.</summary>
    Cron = 3,
}
