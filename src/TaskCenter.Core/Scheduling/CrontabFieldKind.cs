namespace TaskCenter.Core.Scheduling;

/// <summary>The fields of a crontab line, in the order of the 6-field form.</summary>
internal enum CrontabFieldKind
{
    Second,
    Minute,
    Hour,
    DayOfMonth,
    Month,
    DayOfWeek,
}
