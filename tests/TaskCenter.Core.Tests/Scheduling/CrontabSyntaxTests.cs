namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>Names, Sundays, steps, lists, macros and the 6-field seconds form.</summary>
public class CrontabSyntaxTests
{
    // 2024-06-01 is a Saturday.
    private const string SaturdayNoon = "2024-06-01T12:34:56Z";

    [Theory]
    [InlineData("0 0 * * 0")]
    [InlineData("0 0 * * 7")]
    [InlineData("0 0 * * sun")]
    [InlineData("0 0 * * SUN")]
    [InlineData("0 0 * * Sun")]
    [InlineData("0 0 * * 0,7")]
    public void Zero_seven_and_the_name_are_all_Sunday(string expression)
    {
        Assert.Equal(
            ["2024-06-02T00:00:00Z", "2024-06-09T00:00:00Z", "2024-06-16T00:00:00Z"],
            CronFires.Next(expression, SaturdayNoon, 3));
    }

    [Theory]
    [InlineData("0 0 * * 5-7")]
    [InlineData("0 0 * * fri-sun")]
    [InlineData("0 0 * * FRI-7")]
    public void A_day_of_week_range_may_end_on_Sunday(string expression)
    {
        Assert.Equal(
            ["2024-06-02T00:00:00Z", "2024-06-07T00:00:00Z", "2024-06-08T00:00:00Z", "2024-06-09T00:00:00Z"],
            CronFires.Next(expression, SaturdayNoon, 4));
    }

    [Theory]
    [InlineData("0 0 * * mon-fri")]
    [InlineData("0 0 * * Mon-FRI")]
    [InlineData("0 0 * * 1-5")]
    [InlineData("0 0 * * mon,tue,wed,thu,fri")]
    public void Weekday_names_read_like_numbers(string expression)
    {
        Assert.Equal(
            ["2024-06-03T00:00:00Z", "2024-06-04T00:00:00Z", "2024-06-05T00:00:00Z", "2024-06-06T00:00:00Z", "2024-06-07T00:00:00Z", "2024-06-10T00:00:00Z"],
            CronFires.Next(expression, SaturdayNoon, 6));
    }

    [Theory]
    [InlineData("0 0 1 jan-dec/3 *")]
    [InlineData("0 0 1 JAN,apr,Jul,oct *")]
    [InlineData("0 0 1 */3 *")]
    public void Month_names_ranges_and_steps(string expression)
    {
        Assert.Equal(
            ["2024-07-01T00:00:00Z", "2024-10-01T00:00:00Z", "2025-01-01T00:00:00Z", "2025-04-01T00:00:00Z"],
            CronFires.Next(expression, SaturdayNoon, 4));
    }

    [Theory]
    [InlineData("*/15 * * * *", "2024-06-01T12:45:00Z", "2024-06-01T13:00:00Z", "2024-06-01T13:15:00Z")]
    [InlineData("5-50/15 * * * *", "2024-06-01T12:35:00Z", "2024-06-01T12:50:00Z", "2024-06-01T13:05:00Z")]
    [InlineData("10-20/3 * * * *", "2024-06-01T13:10:00Z", "2024-06-01T13:13:00Z", "2024-06-01T13:16:00Z")]
    [InlineData("*/20,7 * * * *", "2024-06-01T12:40:00Z", "2024-06-01T13:00:00Z", "2024-06-01T13:07:00Z")]
    [InlineData("*,30 * * * *", "2024-06-01T12:35:00Z", "2024-06-01T12:36:00Z", "2024-06-01T12:37:00Z")]
    [InlineData("*/60 * * * *", "2024-06-01T13:00:00Z", "2024-06-01T14:00:00Z", "2024-06-01T15:00:00Z")]
    [InlineData("0 */7 * * *", "2024-06-01T14:00:00Z", "2024-06-01T21:00:00Z", "2024-06-02T00:00:00Z")]
    [InlineData("007 * * * *", "2024-06-01T13:07:00Z", "2024-06-01T14:07:00Z", "2024-06-01T15:07:00Z")]
    public void Steps_ranges_and_lists(string expression, string first, string second, string third)
    {
        Assert.Equal([first, second, third], CronFires.Next(expression, SaturdayNoon, 3));
    }

    [Theory]
    [InlineData("@yearly", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("@annually", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("@monthly", "2024-07-01T00:00:00Z", "2024-08-01T00:00:00Z")]
    [InlineData("@weekly", "2024-06-02T00:00:00Z", "2024-06-09T00:00:00Z")]
    [InlineData("@daily", "2024-06-02T00:00:00Z", "2024-06-03T00:00:00Z")]
    [InlineData("@midnight", "2024-06-02T00:00:00Z", "2024-06-03T00:00:00Z")]
    [InlineData("@hourly", "2024-06-01T13:00:00Z", "2024-06-01T14:00:00Z")]
    [InlineData("  @daily\t", "2024-06-02T00:00:00Z", "2024-06-03T00:00:00Z")]
    public void Macros(string expression, string first, string second)
    {
        Assert.Equal([first, second], CronFires.Next(expression, SaturdayNoon, 2));
        Assert.False(CronFires.Parse(expression).HasSeconds);
    }

    [Theory]
    [InlineData("0 * * * * *", "2024-06-01T12:35:00Z", "2024-06-01T12:36:00Z", "2024-06-01T12:37:00Z")]
    [InlineData("*/20 * * * * *", "2024-06-01T12:35:00Z", "2024-06-01T12:35:20Z", "2024-06-01T12:35:40Z")]
    [InlineData("15,45 * * * * *", "2024-06-01T12:35:15Z", "2024-06-01T12:35:45Z", "2024-06-01T12:36:15Z")]
    [InlineData("30 0 12 * * *", "2024-06-02T12:00:30Z", "2024-06-03T12:00:30Z", "2024-06-04T12:00:30Z")]
    [InlineData("59 59 23 31 12 *", "2024-12-31T23:59:59Z", "2025-12-31T23:59:59Z", "2026-12-31T23:59:59Z")]
    public void Six_fields_start_with_seconds(string expression, string first, string second, string third)
    {
        Assert.True(CronFires.Parse(expression).HasSeconds);
        Assert.Equal([first, second, third], CronFires.Next(expression, SaturdayNoon, 3));
    }

    [Fact]
    public void Five_fields_fire_on_the_minute()
    {
        var crontab = CronFires.Parse("* * * * *");
        Assert.False(crontab.HasSeconds);
        Assert.Equal(["2024-06-01T12:35:00Z", "2024-06-01T12:36:00Z"], CronFires.Next("* * * * *", SaturdayNoon, 2));
    }

    [Theory]
    [InlineData("0 0 L * *", "2024-06-30T00:00:00Z", "2024-07-31T00:00:00Z", "2024-08-31T00:00:00Z")]
    [InlineData("0 0 L-2 * *", "2024-06-28T00:00:00Z", "2024-07-29T00:00:00Z", "2024-08-29T00:00:00Z")]
    [InlineData("0 0 LW * *", "2024-06-28T00:00:00Z", "2024-07-31T00:00:00Z", "2024-08-30T00:00:00Z")]
    [InlineData("0 0 15W * *", "2024-06-14T00:00:00Z", "2024-07-15T00:00:00Z", "2024-08-15T00:00:00Z")]
    [InlineData("0 0 * * 5#3", "2024-06-21T00:00:00Z", "2024-07-19T00:00:00Z", "2024-08-16T00:00:00Z")]
    [InlineData("0 0 * * fri#3", "2024-06-21T00:00:00Z", "2024-07-19T00:00:00Z", "2024-08-16T00:00:00Z")]
    [InlineData("0 0 * * 5L", "2024-06-28T00:00:00Z", "2024-07-26T00:00:00Z", "2024-08-30T00:00:00Z")]
    [InlineData("0 0 * * friL", "2024-06-28T00:00:00Z", "2024-07-26T00:00:00Z", "2024-08-30T00:00:00Z")]
    [InlineData("0 0 L * 1", "2024-06-03T00:00:00Z", "2024-06-10T00:00:00Z", "2024-06-17T00:00:00Z")]
    public void Last_weekday_and_nth_forms(string expression, string first, string second, string third)
    {
        // June 2024 ends on Sunday the 30th, July on Wednesday the 31st, August on Saturday the 31st;
        // June 15th is a Saturday (nearest weekday Friday the 14th).
        Assert.Equal([first, second, third], CronFires.Next(expression, SaturdayNoon, 3));
    }

    [Fact]
    public void Last_day_or_Monday_includes_a_Sunday_month_end()
    {
        Assert.Contains("2024-06-30T00:00:00Z", CronFires.Next("0 0 L * 1", SaturdayNoon, 6));
    }

    [Fact]
    public void Expression_is_kept_as_given()
    {
        var crontab = CronFires.Parse("  0  0 * * *\t");
        Assert.Equal("  0  0 * * *\t", crontab.Expression);
        Assert.Null(crontab.Zone);
    }
}
