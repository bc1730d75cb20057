namespace TaskCenter.Core.Scheduling;

/// <summary>
/// cronie's two kinds of job, which differ only when the clocks change (see <see cref="DaylightSavingRule"/>).
/// </summary>
public enum CrontabKind
{
    /// <summary>Neither the minute nor the hour field (nor the seconds field of the 6-field form) starts with '*'.</summary>
    FixedTime,

    /// <summary>
    /// The minute or the hour field (or the seconds field of the 6-field form) starts with '*': cronie's
    /// MIN_STAR/HR_STAR, e.g. <c>30 * * * *</c>, <c>*/15 9-17 * * *</c>, <c>@hourly</c>.
    /// </summary>
    Wildcard,
}
