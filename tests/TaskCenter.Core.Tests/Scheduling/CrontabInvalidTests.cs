namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>Whatever crontab(5) does not define is refused, with a short reason.</summary>
public class CrontabInvalidTests
{
    [Theory]
    [InlineData(null, "is empty")]
    [InlineData("", "is empty")]
    [InlineData(" \t ", "is empty")]
    [InlineData("* * *", "has 3 fields; expected 5 (or 6 with seconds first)")]
    [InlineData("*", "has 1 field; expected 5 (or 6 with seconds first)")]
    [InlineData("* * * * * * *", "has 7 fields; expected 5 (or 6 with seconds first)")]
    [InlineData("0 0 1 * * * 2030", "has 7 fields; expected 5 (or 6 with seconds first)")]
    [InlineData("60 * * * *", "minute field '60': 60 is out of range 0-59")]
    [InlineData("* 24 * * *", "hour field '24': 24 is out of range 0-23")]
    [InlineData("* * 32 * *", "day-of-month field '32': 32 is out of range 1-31")]
    [InlineData("* * 0 * *", "day-of-month field '0': 0 is out of range 1-31")]
    [InlineData("* * * 0 *", "month field '0': 0 is out of range 1-12")]
    [InlineData("* * * 13 *", "month field '13': 13 is out of range 1-12")]
    [InlineData("* * * * 8", "day-of-week field '8': 8 is out of range 0-7")]
    [InlineData("60 * * * * *", "second field '60': 60 is out of range 0-59")]
    [InlineData("*/0 * * * *", "minute field '*/0': step must be at least 1")]
    [InlineData("1,,2 * * * *", "minute field '1,,2': empty list element")]
    [InlineData("1, * * * *", "minute field '1,': empty list element")]
    [InlineData("1- * * * *", "minute field '1-': range '1-' has no end")]
    [InlineData("1-2-3 * * * *", "minute field '1-2-3': unexpected '-' in '1-2-3'")]
    [InlineData("0x10 * * * *", "minute field '0x10' is not a number")]
    [InlineData("5-1 * * * *", "minute field '5-1': range '5-1' runs backwards")]
    [InlineData("5/15 * * * *", "minute field '5/15': the step '/15' needs '*' or a range before it, e.g. '*/15'")]
    [InlineData("5/0 * * * *", "minute field '5/0': the step '/0' needs '*' or a range before it, e.g. '*/5'")]
    [InlineData("*/ * * * *", "minute field '*/' ends in '/' without a step")]
    [InlineData("*/x * * * *", "minute field '*/x': step 'x' is not a number")]
    [InlineData("*5 * * * *", "minute field '*5': unexpected '5' in '*5'")]
    [InlineData("-5 * * * *", "minute field '-5': unexpected '-' in '-5'")]
    [InlineData("~ * * * *", "minute field '~': unexpected '~' in '~'")]
    [InlineData("H * * * *", "minute field 'H' is not a number")]
    [InlineData("? * * * *", "minute field '?' is only allowed for day-of-month and day-of-week")]
    [InlineData("* * * JANUARY *", "month field 'JANUARY' is not a month (use 1-12 or jan-dec)")]
    [InlineData("* * * ja *", "month field 'ja' is not a month (use 1-12 or jan-dec)")]
    [InlineData("* * * * MONDAY", "day-of-week field 'MONDAY' is not a day of week (use 0-7 or sun-sat)")]
    [InlineData("* * mon * *", "day-of-month field 'mon' is not a number")]
    [InlineData("* * * * wed-mon", "day-of-week field 'wed-mon': range 'wed-mon' runs backwards")]
    [InlineData("0 0 * * L", "day-of-week field 'L' is not a day of week (use 0-7 or sun-sat)")]
    [InlineData("0 0 * * 5#6", "day-of-week field '5#6': '6' after '#' must be a week number 1-5")]
    [InlineData("0 0 * * #2", "day-of-week field '#2': '#' needs a day before it")]
    [InlineData("0 0 * * 1,5L", "day-of-week field '1,5L': '5L' is not a day of week (use 0-7 or sun-sat)")]
    [InlineData("0 0 32W * *", "day-of-month field '32W': 32 is out of range 1-31")]
    [InlineData("0 0 W * *", "day-of-month field 'W' needs a day before it")]
    [InlineData("0 0 L-31 * *", "day-of-month field 'L-31': offset 31 from the last day is out of range 0-30")]
    [InlineData("0 0 LX * *", "day-of-month field 'LX': expected L, L-n, LW or L-nW")]
    [InlineData("0 0 1,L * *", "day-of-month field '1,L': 'L' is not a number")]
    [InlineData("0 0 * * * foo", "day-of-week field 'foo' is not a day of week (use 0-7 or sun-sat)")]
    public void Invalid_with_reason(string? expression, string error)
    {
        Assert.StartsWith(error, CronFires.ParseError(expression), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@reboot")]
    [InlineData("@every 5m")]
    [InlineData("@fortnightly")]
    [InlineData("@every_minute")]
    [InlineData("@every_second")]
    [InlineData("@DAILY")]
    [InlineData("@daily 0")]
    [InlineData("@")]
    public void Only_the_time_macros_of_crontab5_are_accepted(string expression)
    {
        Assert.StartsWith($"has an unsupported macro '{expression}'", CronFires.ParseError(expression), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("* * * * *\n")]
    [InlineData("*\n* * * *")]
    [InlineData("* * * * *,")]
    [InlineData("CRON_TZ=UTC")]
    public void Other_oddities_are_invalid(string expression)
    {
        CronFires.ParseError(expression);
    }
}
