using System.Globalization;

namespace TaskCenter.Core.Scheduling;

/// <summary>
/// The Cronos (Quartz-style) day forms, each a whole field: day-of-month "L", "L-n", "LW", "L-nW", "nW";
/// day-of-week "dL" (last d of the month) and "d#n" (n-th d of the month).
/// </summary>
internal static class CrontabSpecialDays
{
    private const int MaxLastDayOffset = 30;
    private const int MaxNthWeek = 5;

    public static bool IsDayOfMonthForm(string text) =>
        !text.Contains(',', StringComparison.Ordinal) && (text[0] is 'L' or 'l' || text[^1] is 'W' or 'w');

    public static bool IsDayOfWeekForm(string text) =>
        !text.Contains(',', StringComparison.Ordinal)
        && (text.Contains('#', StringComparison.Ordinal) || (text.Length > 1 && text[^1] is 'L' or 'l'));

    public static bool TryParseDayOfMonth(string text, out string cronos, out string reason)
    {
        cronos = "";
        reason = "";
        var upper = text.ToUpperInvariant();
        if (upper[0] != 'L')
        {
            if (upper.Length == 1)
            {
                reason = "'W' needs a day before it, e.g. '15W'";
                return false;
            }

            // "nW": the weekday nearest to day n.
            var pos = 0;
            if (!CrontabFieldParser.TryReadValue(CrontabFieldKind.DayOfMonth, upper[..^1], ref pos, out var day, out reason))
            {
                return false;
            }

            if (pos != upper.Length - 1)
            {
                reason = $"unexpected '{text[pos]}' in '{text}'";
                return false;
            }

            cronos = day.ToString(CultureInfo.InvariantCulture) + "W";
            return true;
        }

        var rest = upper[1..];
        var weekday = rest.EndsWith('W');
        if (weekday)
        {
            rest = rest[..^1];
        }

        if (rest.Length == 0)
        {
            cronos = weekday ? "LW" : "L";
            return true;
        }

        if (rest[0] != '-' || !CrontabFieldParser.TryReadNumber(rest[1..], out var offset))
        {
            reason = "expected L, L-n, LW or L-nW";
            return false;
        }

        if (offset > MaxLastDayOffset)
        {
            reason = $"offset {offset} from the last day is out of range 0-{MaxLastDayOffset}";
            return false;
        }

        cronos = "L-" + offset.ToString(CultureInfo.InvariantCulture) + (weekday ? "W" : "");
        return true;
    }

    public static bool TryParseDayOfWeek(string text, out string cronos, out string reason)
    {
        cronos = "";
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        var dayPart = hash >= 0 ? text[..hash] : text[..^1];
        if (dayPart.Length == 0)
        {
            reason = "'#' needs a day before it, e.g. '5#3'";
            return false;
        }

        var pos = 0;
        if (!CrontabFieldParser.TryReadValue(CrontabFieldKind.DayOfWeek, dayPart, ref pos, out var day, out reason))
        {
            return false;
        }

        if (pos != dayPart.Length)
        {
            reason = $"unexpected '{dayPart[pos]}' in '{text}'";
            return false;
        }

        var dayText = day.ToString(CultureInfo.InvariantCulture);
        if (hash < 0)
        {
            cronos = dayText + "L";
            return true;
        }

        if (!CrontabFieldParser.TryReadNumber(text[(hash + 1)..], out var nth) || nth is < 1 or > MaxNthWeek)
        {
            reason = $"'{text[(hash + 1)..]}' after '#' must be a week number 1-{MaxNthWeek}";
            return false;
        }

        cronos = dayText + "#" + nth.ToString(CultureInfo.InvariantCulture);
        return true;
    }
}
