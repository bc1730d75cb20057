using System.Globalization;
using System.Text;

namespace TaskCenter.Core.Scheduling;

/// <summary>
/// Checks one crontab field against crontab(5) as cronie reads it (plus a lone '?' and the Cronos forms
/// L, W and #) and rewrites it as text Cronos reads with the same meaning.
/// </summary>
internal static class CrontabFieldParser
{
    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <param name="unrestricted">Vixie's MIN_STAR/HR_STAR/DOM_STAR/DOW_STAR: the field starts with '*' (or is '?').</param>
    public static bool TryParse(CrontabFieldKind kind, string text, out string cronos, out bool unrestricted, out string error)
    {
        unrestricted = text[0] == '*' || text == "?";
        cronos = "";
        error = "";
        string reason;
        if (text == "?")
        {
            if (kind is CrontabFieldKind.DayOfMonth or CrontabFieldKind.DayOfWeek)
            {
                cronos = "*";
                return true;
            }

            reason = "'?' is only allowed for day-of-month and day-of-week";
        }
        else if (kind == CrontabFieldKind.DayOfMonth && CrontabSpecialDays.IsDayOfMonthForm(text))
        {
            if (CrontabSpecialDays.TryParseDayOfMonth(text, out cronos, out reason))
            {
                return true;
            }
        }
        else if (kind == CrontabFieldKind.DayOfWeek && CrontabSpecialDays.IsDayOfWeekForm(text))
        {
            if (CrontabSpecialDays.TryParseDayOfWeek(text, out cronos, out reason))
            {
                return true;
            }
        }
        else if (TryParseList(kind, text, out cronos, out reason))
        {
            return true;
        }

        // A reason about the field's only element names it once: "minute field '*/' ends in '/' …", not "'*/': '*/' ends …".
        var self = $"'{text}' ";
        error = reason.StartsWith(self, StringComparison.Ordinal)
            ? $"{Label(kind)} field {self}{reason[self.Length..]}"
            : $"{Label(kind)} field '{text}': {reason}";
        return false;
    }

    public static string Label(CrontabFieldKind kind) => kind switch
    {
        CrontabFieldKind.Second => "second",
        CrontabFieldKind.Minute => "minute",
        CrontabFieldKind.Hour => "hour",
        CrontabFieldKind.DayOfMonth => "day-of-month",
        CrontabFieldKind.Month => "month",
        _ => "day-of-week",
    };

    /// <summary>
    /// Reads a number or a (3-letter, any case) name at <paramref name="pos"/>, as cronie does: the whole run
    /// of letters and digits must be one value, so "0x10" and "JANUARY" are refused.
    /// </summary>
    public static bool TryReadValue(CrontabFieldKind kind, string item, ref int pos, out int value, out string reason)
    {
        var (min, max) = Bounds(kind);
        var start = pos;
        while (pos < item.Length && char.IsAsciiLetterOrDigit(item[pos]))
        {
            pos++;
        }

        var token = item[start..pos];
        value = -1;
        reason = "";
        if (token.Length == 0)
        {
            reason = start < item.Length ? $"unexpected '{item[start]}' in '{item}'" : $"'{item}' ends early";
            return false;
        }

        var names = kind switch
        {
            CrontabFieldKind.Month => MonthNames,
            CrontabFieldKind.DayOfWeek => DayNames,
            _ => null,
        };
        if (TryReadNumber(token, out value))
        {
            if (value >= min && value <= max)
            {
                return true;
            }

            reason = $"{token} is out of range {min}-{max}";
            return false;
        }

        if (names is not null)
        {
            var index = Array.FindIndex(names, n => string.Equals(n, token, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                value = index + min;
                return true;
            }

            var what = kind == CrontabFieldKind.Month ? "month" : "day of week";
            reason = $"'{token}' is not a {what} (use {min}-{max} or {names[0]}-{names[^1]})";
            return false;
        }

        reason = $"'{token}' is not a number";
        return false;
    }

    /// <summary>Digits only; values past 99999 saturate (they are out of every range anyway).</summary>
    public static bool TryReadNumber(string token, out int value)
    {
        value = 0;
        if (token.Length == 0)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = Math.Min(value * 10 + (c - '0'), 100_000);
        }

        return true;
    }

    private static (int Min, int Max) Bounds(CrontabFieldKind kind) => kind switch
    {
        CrontabFieldKind.Hour => (0, 23),
        CrontabFieldKind.DayOfMonth => (1, 31),
        CrontabFieldKind.Month => (1, 12),
        CrontabFieldKind.DayOfWeek => (0, 7),
        _ => (0, 59),
    };

    private static bool TryParseList(CrontabFieldKind kind, string text, out string cronos, out string reason)
    {
        var items = text.Split(',');
        var builder = new StringBuilder(text.Length + 8);
        cronos = "";
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Length == 0)
            {
                reason = "empty list element";
                return false;
            }

            if (i > 0)
            {
                builder.Append(',');
            }

            if (!TryParseItem(kind, items[i], items.Length == 1, builder, out reason))
            {
                return false;
            }
        }

        cronos = builder.ToString();
        reason = "";
        return true;
    }

    // item = "*" ["/" step] | value ["-" value ["/" step]]
    private static bool TryParseItem(CrontabFieldKind kind, string item, bool alone, StringBuilder builder, out string reason)
    {
        var (min, max) = Bounds(kind);
        var star = item[0] == '*';
        var pos = star ? 1 : 0;
        int low = min, high = max;
        var range = false;
        if (!star)
        {
            if (!TryReadValue(kind, item, ref pos, out low, out reason))
            {
                return false;
            }

            high = low;
            if (pos < item.Length && item[pos] == '-')
            {
                range = true;
                pos++;
                if (pos == item.Length)
                {
                    reason = $"range '{item}' has no end";
                    return false;
                }

                if (!TryReadValue(kind, item, ref pos, out high, out reason))
                {
                    return false;
                }

                if (low > high && kind == CrontabFieldKind.DayOfWeek && high == 0)
                {
                    high = 7; // "fri-sun": cronie reads a range ending on Sunday as ending on 7
                }
                else if (low > high)
                {
                    reason = $"range '{item}' runs backwards";
                    return false;
                }
            }
        }

        var step = 0;
        if (pos < item.Length && item[pos] == '/')
        {
            if (!star && !range)
            {
                var stepText = item[(pos + 1)..];
                var example = int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given >= 1 ? stepText : "5";
                reason = $"the step '/{stepText}' needs '*' or a range before it, e.g. '*/{example}'";
                return false;
            }

            var token = item[(pos + 1)..];
            if (!TryReadNumber(token, out step))
            {
                reason = token.Length == 0 ? $"'{item}' ends in '/' without a step" : $"step '{token}' is not a number";
                return false;
            }

            if (step == 0)
            {
                reason = "step must be at least 1";
                return false;
            }

            pos = item.Length;
        }

        if (pos < item.Length)
        {
            reason = $"unexpected '{item[pos]}' in '{item}'";
            return false;
        }

        reason = "";
        Emit(builder, max, star && alone, star || range, low, high, step);
        return true;
    }

    private static void Emit(StringBuilder builder, int max, bool bareStar, bool range, int low, int high, int step)
    {
        if (step > max)
        {
            // Only the first value matches; Cronos refuses such steps.
            builder.Append(low);
            return;
        }

        if (bareStar)
        {
            builder.Append('*');
        }
        else if (range)
        {
            builder.Append(low).Append('-').Append(high);
        }
        else
        {
            builder.Append(low);
        }

        if (step > 0)
        {
            builder.Append('/').Append(step);
        }
    }
}
