namespace TaskCenter.Client;

/// <summary>The kind of schedule a task follows (wire field <c>type</c>).</summary>
public enum TaskType
{
    /// <summary>Fires once, at <see cref="NewTask.StartTime"/> or as soon as possible when it is unset.</summary>
    OneShot = 1,

    /// <summary>Fires every <see cref="NewTask.LoopTime"/>.</summary>
    Interval = 2,

    /// <summary>Fires on a crontab(5) expression (<see cref="NewTask.Crontab"/>) read in <see cref="NewTask.TimeZone"/>.</summary>
    Cron = 3,
}
