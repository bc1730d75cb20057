using TaskCenter.Core.Scheduling;

namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>cronie's wildcard and fixed-time jobs (entry.c's MIN_STAR/HR_STAR), with the seconds field read like the minute field.</summary>
public class CrontabKindTests
{
    [Theory]
    [InlineData("* * * * *")]
    [InlineData("30 * * * *")]
    [InlineData("*/15 * * * *")]
    [InlineData("0 */2 * * *")]
    [InlineData("*/20 1 * * *")]
    [InlineData("*,30 2 * * *")]
    [InlineData("*/60 2 * * *")]
    [InlineData("@hourly")]
    [InlineData("*/10 * * * * *")]
    [InlineData("* 30 2 * * *")]
    [InlineData("0 0 * * * *")]
    [InlineData("CRON_TZ=Europe/Berlin 0 * * * *")]
    public void A_minute_hour_or_seconds_field_starting_with_a_star_makes_a_wildcard_job(string expression) =>
        Assert.Equal(CrontabKind.Wildcard, CronFires.Parse(expression).Kind);

    [Theory]
    [InlineData("30 2 * * *")]
    [InlineData("15 0-2 * * *")]
    [InlineData("0,30 2 * * *")]
    [InlineData("0 2 * * 0")]
    [InlineData("0-59 0-23 * * *")]
    [InlineData("0 0 * * *")]
    [InlineData("0 0 */2 * *")]
    [InlineData("0 0 * * */2")]
    [InlineData("@daily")]
    [InlineData("@midnight")]
    [InlineData("@weekly")]
    [InlineData("@monthly")]
    [InlineData("@yearly")]
    [InlineData("@annually")]
    [InlineData("0 30 2 * * *")]
    [InlineData("0-59/10 30 2 * * *")]
    [InlineData("TZ=Asia/Tokyo 0 9 * * 1-5")]
    public void Every_other_job_is_a_fixed_time_job(string expression) =>
        Assert.Equal(CrontabKind.FixedTime, CronFires.Parse(expression).Kind);
}
