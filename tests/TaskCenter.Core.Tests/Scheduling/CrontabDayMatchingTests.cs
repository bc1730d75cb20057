namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>Day-of-month with day-of-week: OR when both are restricted, AND when either starts with '*' (Vixie).</summary>
public class CrontabDayMatchingTests
{
    [Fact]
    public void Both_restricted_fire_on_either_the_listed_days_or_the_weekday()
    {
        // June 2024: the 1st and 15th are Saturdays; the Fridays are the 7th, 14th, 21st and 28th; July 1st is a Monday.
        Assert.Equal(
            [
                "2024-06-01T04:30:00Z", "2024-06-07T04:30:00Z", "2024-06-14T04:30:00Z", "2024-06-15T04:30:00Z",
                "2024-06-21T04:30:00Z", "2024-06-28T04:30:00Z", "2024-07-01T04:30:00Z", "2024-07-05T04:30:00Z",
            ],
            CronFires.Next("30 4 1,15 * 5", "2024-06-01T00:00:00Z", 8));
    }

    [Fact]
    public void A_day_of_month_starting_with_a_star_is_unrestricted_so_both_must_match()
    {
        // Odd days that are Mondays: the Mondays of June/July 2024 are 3, 10, 17, 24 and 1, 8, 15, 22, 29.
        Assert.Equal(
            ["2024-06-03T00:00:00Z", "2024-06-17T00:00:00Z", "2024-07-01T00:00:00Z", "2024-07-15T00:00:00Z", "2024-07-29T00:00:00Z"],
            CronFires.Next("0 0 */2 * 1", "2024-06-01T00:00:00Z", 5));
    }

    [Fact]
    public void The_same_days_written_as_a_range_are_restricted_so_either_may_match()
    {
        // Every odd day, plus Monday the 10th.
        Assert.Equal(
            ["2024-06-01T00:00:00Z", "2024-06-03T00:00:00Z", "2024-06-05T00:00:00Z", "2024-06-07T00:00:00Z",
             "2024-06-09T00:00:00Z", "2024-06-10T00:00:00Z", "2024-06-11T00:00:00Z"],
            CronFires.Next("0 0 1-31/2 * 1", "2024-05-31T12:00:00Z", 7));
    }

    [Fact]
    public void A_day_of_week_starting_with_a_star_is_unrestricted()
    {
        Assert.Equal(
            ["2024-06-13T00:00:00Z", "2024-07-13T00:00:00Z"],
            CronFires.Next("0 0 13 * */1", "2024-06-01T00:00:00Z", 2));
    }

    [Fact]
    public void A_question_mark_leaves_its_day_field_unrestricted()
    {
        Assert.Equal(["2024-06-03T00:00:00Z", "2024-06-10T00:00:00Z"], CronFires.Next("0 0 ? * 1", "2024-06-01T00:00:00Z", 2));
        Assert.Equal(["2024-07-01T00:00:00Z", "2024-08-01T00:00:00Z"], CronFires.Next("0 0 1 * ?", "2024-06-01T00:00:00Z", 2));
    }

    [Fact]
    public void A_day_that_never_comes_still_fires_on_the_weekday()
    {
        // Feb 30 never exists, but the Mondays of February 2024 are the 5th, 12th, 19th and 26th.
        Assert.Equal(
            ["2024-02-05T00:00:00Z", "2024-02-12T00:00:00Z", "2024-02-19T00:00:00Z", "2024-02-26T00:00:00Z", "2025-02-03T00:00:00Z"],
            CronFires.Next("0 0 30 2 1", "2024-01-01T00:00:00Z", 5));
    }

    [Fact]
    public void Nothing_fires_after_the_last_representable_day()
    {
        var crontab = CronFires.Parse("0 0 * * *");
        Assert.Null(crontab.GetNextOccurrence(DateTimeOffset.MaxValue, TimeZoneInfo.Utc));
        Assert.Null(crontab.GetNextOccurrence(DateTimeOffset.MaxValue, CronFires.Zone("Europe/Berlin")));
    }

    [Theory]
    [InlineData("0 0 30 2 *")]
    [InlineData("0 0 31 4,6,9,11 *")]
    [InlineData("0 0 30,31 feb *")]
    public void A_date_that_never_exists_has_no_next_occurrence(string expression)
    {
        var crontab = CronFires.Parse(expression);
        Assert.Null(crontab.GetNextOccurrence(CronFires.Utc("2024-01-01T00:00:00Z"), TimeZoneInfo.Utc));
    }
}
