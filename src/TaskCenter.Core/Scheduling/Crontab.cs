using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace TaskCenter.Core.Scheduling;

/// <summary>
/// A crontab(5) schedule as Vixie cron and cronie read it: 5 fields (or 6 with seconds first), names, ranges,
/// lists, steps, the time macros, an optional CRON_TZ=/TZ= prefix, and the Cronos forms L, W, # and '?'; and
/// cronie's rule for the nights the clocks change (<see cref="DaylightSavingRule"/>). Cronos matches the fields
/// against wall-clock times; which instants those are is the rule's decision, not Cronos's.
/// </summary>
public sealed class Crontab
{
    private static readonly char[] Blanks = [' ', '\t'];
    private const string CronosMessagePrefix = "The given cron expression has an invalid format. ";

    // When day-of-month and day-of-week are both restricted, Vixie fires on a day matching EITHER, while
    // Cronos wants both; so each is then its own Cronos expression (the other day field '*').
    private readonly CronExpression _primary;
    private readonly CronExpression? _secondary;
    private readonly Func<DateTime, bool, DateTime?> _nextWallTime;

    private Crontab(string expression, TimeZoneInfo? zone, bool hasSeconds, CrontabKind kind, CronExpression primary, CronExpression? secondary)
    {
        Expression = expression;
        Zone = zone;
        HasSeconds = hasSeconds;
        Kind = kind;
        _primary = primary;
        _secondary = secondary;
        _nextWallTime = NextWallTime;
    }

    /// <summary>The expression as given.</summary>
    public string Expression { get; }

    /// <summary>The zone of a CRON_TZ= or TZ= prefix, else null.</summary>
    public TimeZoneInfo? Zone { get; }

    /// <summary>Whether the expression has the 6-field form whose first field is seconds.</summary>
    public bool HasSeconds { get; }

    /// <summary>
    /// cronie's kind of job: wildcard when the minute or hour field starts with '*' (and, in the 6-field form, when
    /// the seconds field does: it is read like the minute field); @hourly is <c>0 * * * *</c>, so wildcard.
    /// </summary>
    public CrontabKind Kind { get; }

    /// <summary>
    /// Parses <paramref name="expression"/>; on failure <paramref name="error"/> says why, phrased to follow the field's
    /// name ("crontab " + error: <c>crontab has 1 field; expected 5 …</c>), else it is "".
    /// </summary>
    public static bool TryParse(string? expression, [NotNullWhen(true)] out Crontab? crontab, out string error)
    {
        crontab = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            error = "is empty";
            return false;
        }

        var text = expression.Trim(Blanks);
        if (!CrontabPrefix.TryTakeZone(ref text, out var zone, out error)
            || !CrontabPrefix.TryExpandMacro(ref text, out error))
        {
            return false;
        }

        var fields = text.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (5 or 6))
        {
            error = $"has {fields.Length} field{(fields.Length == 1 ? "" : "s")}; expected 5 (or 6 with seconds first)";
            return false;
        }

        var hasSeconds = fields.Length == 6;
        var first = hasSeconds ? 0 : 1;
        var cronos = new string[6];
        cronos[0] = "0";
        bool domStar = false, dowStar = false, timeStar = false;
        for (var i = 0; i < fields.Length; i++)
        {
            var kind = (CrontabFieldKind)(i + first);
            if (!CrontabFieldParser.TryParse(kind, fields[i], out cronos[i + first], out var unrestricted, out error))
            {
                return false;
            }

            timeStar |= kind <= CrontabFieldKind.Hour && unrestricted;
            domStar |= kind == CrontabFieldKind.DayOfMonth && unrestricted;
            dowStar |= kind == CrontabFieldKind.DayOfWeek && unrestricted;
        }

        CronExpression primary;
        CronExpression? secondary = null;
        try
        {
            if (domStar || dowStar)
            {
                primary = Parse(cronos);
            }
            else
            {
                var byDayOfMonth = (string[])cronos.Clone();
                byDayOfMonth[(int)CrontabFieldKind.DayOfWeek] = "*";
                cronos[(int)CrontabFieldKind.DayOfMonth] = "*";
                primary = Parse(byDayOfMonth);
                secondary = Parse(cronos);
            }
        }
        catch (CronFormatException e)
        {
            // Not expected: the field parser only lets through what Cronos reads.
            error = "is not valid: " + (e.Message.StartsWith(CronosMessagePrefix, StringComparison.Ordinal) ? e.Message[CronosMessagePrefix.Length..] : e.Message);
            return false;
        }

        crontab = new Crontab(expression, zone, hasSeconds, timeStar ? CrontabKind.Wildcard : CrontabKind.FixedTime, primary, secondary);
        error = "";
        return true;
    }

    /// <summary>The zone the crontab is read in when the caller's is <paramref name="zone"/>: a CRON_TZ= or TZ= prefix wins.</summary>
    public TimeZoneInfo ReadIn(TimeZoneInfo zone) => Zone ?? zone;

    /// <summary>
    /// The next fire strictly after <paramref name="after"/>, read in <see cref="ReadIn"/>(<paramref name="zone"/>),
    /// as a whole-second UTC instant; null when it never fires again (e.g. "0 0 30 2 *").
    /// </summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        try
        {
            return DaylightSavingRule.NextFire(Kind, ReadIn(zone), after.UtcDateTime, _nextWallTime) is { } utc
                ? new DateTimeOffset(utc, TimeSpan.Zero)
                : null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // DateTime overflows when the next fire would be past 9999-12-31
        }
    }

    // Wall-clock times go to Cronos as UTC, where no clock ever changes: it only matches the fields.
    private DateTime? NextWallTime(DateTime wall, bool inclusive)
    {
        var next = _primary.GetNextOccurrence(wall, inclusive);
        if (_secondary?.GetNextOccurrence(wall, inclusive) is { } other && (next is null || other < next))
        {
            next = other;
        }

        return next;
    }

    public override string ToString() => Expression;

    private static CronExpression Parse(string[] fields) => CronExpression.Parse(string.Join(' ', fields), CronFormat.IncludeSeconds);
}
