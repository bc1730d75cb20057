namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>
/// Nights the clocks jump forward (cronie's "DST begins"): a fixed-time job whose time was skipped fires once, at the
/// jump; a wildcard job fires only at wall-clock times that happen. Each fire is its UTC instant and its wall-clock
/// time with the offset, so UTC = wall-clock time − offset can be checked by eye.
/// </summary>
public class CrontabSpringForwardTests
{
    // New York, Sunday 2024-03-10: at 07:00Z, 02:00 EST (-05:00) becomes 03:00 EDT (-04:00).
    [Theory]
    [InlineData("30 * * * *", "2024-03-10T04:00Z", "2024-03-10T10:00Z", new[]
    {
        "2024-03-10T04:30Z 23:30-05:00", "2024-03-10T05:30Z 00:30-05:00", "2024-03-10T06:30Z 01:30-05:00",
        "2024-03-10T07:30Z 03:30-04:00", "2024-03-10T08:30Z 04:30-04:00", "2024-03-10T09:30Z 05:30-04:00",
    })]
    [InlineData("*/15 * * * *", "2024-03-10T06:20Z", "2024-03-10T07:20Z", new[]
    {
        "2024-03-10T06:30Z 01:30-05:00", "2024-03-10T06:45Z 01:45-05:00", "2024-03-10T07:00Z 03:00-04:00", "2024-03-10T07:15Z 03:15-04:00",
    })]
    [InlineData("0 */2 * * *", "2024-03-10T04:00Z", "2024-03-10T10:00Z", new[]
    {
        "2024-03-10T05:00Z 00:00-05:00", "2024-03-10T08:00Z 04:00-04:00",
    })]
    [InlineData("*/10 * * * * *", "2024-03-10T06:59:30Z", "2024-03-10T07:00:15Z", new[]
    {
        "2024-03-10T06:59:40Z 01:59:40-05:00", "2024-03-10T06:59:50Z 01:59:50-05:00",
        "2024-03-10T07:00Z 03:00-04:00", "2024-03-10T07:00:10Z 03:00:10-04:00",
    })]
    [InlineData("30 2 * * *", "2024-03-09T00:00Z", "2024-03-12T00:00Z", new[]
    {
        "2024-03-09T07:30Z 02:30-05:00", "2024-03-10T07:00Z 03:00-04:00", "2024-03-11T06:30Z 02:30-04:00",
    })]
    [InlineData("15 0-2 * * *", "2024-03-10T04:00Z", "2024-03-10T10:00Z", new[]
    {
        "2024-03-10T05:15Z 00:15-05:00", "2024-03-10T06:15Z 01:15-05:00", "2024-03-10T07:00Z 03:00-04:00",
    })]
    [InlineData("0,30 2 * * *", "2024-03-09T00:00Z", "2024-03-12T00:00Z", new[]
    {
        "2024-03-09T07:00Z 02:00-05:00", "2024-03-09T07:30Z 02:30-05:00", "2024-03-10T07:00Z 03:00-04:00",
        "2024-03-11T06:00Z 02:00-04:00", "2024-03-11T06:30Z 02:30-04:00",
    })]
    [InlineData("0 2 * * 0", "2024-03-01T00:00Z", "2024-03-20T00:00Z", new[]
    {
        "2024-03-03T07:00Z 02:00-05:00", "2024-03-10T07:00Z 03:00-04:00", "2024-03-17T06:00Z 02:00-04:00",
    })]
    [InlineData("@daily", "2024-03-09T00:00Z", "2024-03-12T00:00Z", new[]
    {
        "2024-03-09T05:00Z 00:00-05:00", "2024-03-10T05:00Z 00:00-05:00", "2024-03-11T04:00Z 00:00-04:00",
    })]
    [InlineData("0 30 2 * * *", "2024-03-10T06:00Z", "2024-03-10T08:00Z", new[] { "2024-03-10T07:00Z 03:00-04:00" })]
    [InlineData("* 30 2 * * *", "2024-03-10T06:00Z", "2024-03-10T08:00Z", new string[0])]
    public void New_York(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "America/New_York", fromUtc, toUtc));

    [Fact]
    public void A_cron_tz_prefix_applies_the_rule_in_its_zone_not_the_tasks()
    {
        // A task in Tokyo (shown in Tokyo time) whose crontab is read in New York: New York's 02:00 is skipped.
        Assert.Equal(
            ["2024-03-10T07:00Z 16:00+09:00", "2024-03-10T08:00Z 17:00+09:00"],
            CronFires.Between("CRON_TZ=America/New_York 0 2,4 * * *", "Asia/Tokyo", "2024-03-10T06:00Z", "2024-03-10T09:00Z"));
    }

    [Fact]
    public void A_wildcard_job_whose_times_are_always_skipped_never_fires()
    {
        // 02:xx on the second Sunday of March never happens in New York; the fixed-time job fires at each jump instead.
        var zone = CronFires.Zone("America/New_York");
        Assert.Null(CronFires.Parse("*/5 2 * 3 0#2").GetNextOccurrence(CronFires.Utc("2024-01-01T00:00:00Z"), zone));
        Assert.Equal(
            ["2024-03-10T07:00Z 03:00-04:00", "2025-03-09T07:00Z 03:00-04:00"],
            CronFires.Between("5 2 * 3 0#2", "America/New_York", "2024-01-01T00:00Z", "2026-01-01T00:00Z"));
    }

    // Berlin, Sunday 2024-03-31: at 01:00Z, 02:00 CET (+01:00) becomes 03:00 CEST (+02:00).
    [Theory]
    [InlineData("30 * * * *", "2024-03-30T23:00Z", "2024-03-31T03:00Z", new[]
    {
        "2024-03-30T23:30Z 00:30+01:00", "2024-03-31T00:30Z 01:30+01:00", "2024-03-31T01:30Z 03:30+02:00", "2024-03-31T02:30Z 04:30+02:00",
    })]
    [InlineData("30 2 * * *", "2024-03-30T00:00Z", "2024-04-01T12:00Z", new[]
    {
        "2024-03-30T01:30Z 02:30+01:00", "2024-03-31T01:00Z 03:00+02:00", "2024-04-01T00:30Z 02:30+02:00",
    })]
    [InlineData("0,30 2 * * *", "2024-03-31T00:00Z", "2024-03-31T12:00Z", new[] { "2024-03-31T01:00Z 03:00+02:00" })]
    [InlineData("0 2 * * 0", "2024-03-31T00:00Z", "2024-03-31T12:00Z", new[] { "2024-03-31T01:00Z 03:00+02:00" })]
    public void Berlin(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "Europe/Berlin", fromUtc, toUtc));

    // Sydney, Sunday 2024-10-06 (southern spring): at 16:00Z on the 5th, 02:00 AEST (+10:00) becomes 03:00 AEDT (+11:00).
    [Theory]
    [InlineData("30 * * * *", "2024-10-05T14:00Z", "2024-10-05T18:00Z", new[]
    {
        "2024-10-05T14:30Z 00:30+10:00", "2024-10-05T15:30Z 01:30+10:00", "2024-10-05T16:30Z 03:30+11:00", "2024-10-05T17:30Z 04:30+11:00",
    })]
    [InlineData("*/15 * * * *", "2024-10-05T15:20Z", "2024-10-05T16:20Z", new[]
    {
        "2024-10-05T15:30Z 01:30+10:00", "2024-10-05T15:45Z 01:45+10:00", "2024-10-05T16:00Z 03:00+11:00", "2024-10-05T16:15Z 03:15+11:00",
    })]
    [InlineData("15 0-2 * * *", "2024-10-05T13:00Z", "2024-10-05T18:00Z", new[]
    {
        "2024-10-05T14:15Z 00:15+10:00", "2024-10-05T15:15Z 01:15+10:00", "2024-10-05T16:00Z 03:00+11:00",
    })]
    [InlineData("0 2 * * 0", "2024-10-05T00:00Z", "2024-10-06T00:00Z", new[] { "2024-10-05T16:00Z 03:00+11:00" })]
    public void Sydney(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "Australia/Sydney", fromUtc, toUtc));

    // Auckland, Sunday 2024-09-29: at 14:00Z on the 28th, 02:00 NZST (+12:00) becomes 03:00 NZDT (+13:00).
    [Theory]
    [InlineData("0 */2 * * *", "2024-09-28T11:00Z", "2024-09-28T16:00Z", new[] { "2024-09-28T12:00Z 00:00+12:00", "2024-09-28T15:00Z 04:00+13:00" })]
    [InlineData("30 2 * * *", "2024-09-28T12:00Z", "2024-09-28T15:00Z", new[] { "2024-09-28T14:00Z 03:00+13:00" })]
    [InlineData("*/10 * * * * *", "2024-09-28T13:59:30Z", "2024-09-28T14:00:15Z", new[]
    {
        "2024-09-28T13:59:40Z 01:59:40+12:00", "2024-09-28T13:59:50Z 01:59:50+12:00",
        "2024-09-28T14:00Z 03:00+13:00", "2024-09-28T14:00:10Z 03:00:10+13:00",
    })]
    public void Auckland(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "Pacific/Auckland", fromUtc, toUtc));

    // Santiago, Sunday 2024-09-08: at 04:00Z, midnight (-04:00) becomes 01:00 (-03:00), so the day has no 00:xx.
    [Theory]
    [InlineData("@daily", "2024-09-07T00:00Z", "2024-09-10T00:00Z", new[]
    {
        "2024-09-07T04:00Z 00:00-04:00", "2024-09-08T04:00Z 01:00-03:00", "2024-09-09T03:00Z 00:00-03:00",
    })]
    [InlineData("30 * * * *", "2024-09-08T02:00Z", "2024-09-08T06:00Z", new[]
    {
        "2024-09-08T02:30Z 22:30-04:00", "2024-09-08T03:30Z 23:30-04:00", "2024-09-08T04:30Z 01:30-03:00", "2024-09-08T05:30Z 02:30-03:00",
    })]
    public void Santiago(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "America/Santiago", fromUtc, toUtc));

    // Havana, Sunday 2024-03-10: at 05:00Z, midnight CST (-05:00) becomes 01:00 CDT (-04:00).
    [Theory]
    [InlineData("@daily", "2024-03-09T00:00Z", "2024-03-12T00:00Z", new[]
    {
        "2024-03-09T05:00Z 00:00-05:00", "2024-03-10T05:00Z 01:00-04:00", "2024-03-11T04:00Z 00:00-04:00",
    })]
    [InlineData("*/15 * * * *", "2024-03-10T04:20Z", "2024-03-10T05:20Z", new[]
    {
        "2024-03-10T04:30Z 23:30-05:00", "2024-03-10T04:45Z 23:45-05:00", "2024-03-10T05:00Z 01:00-04:00", "2024-03-10T05:15Z 01:15-04:00",
    })]
    public void Havana(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "America/Havana", fromUtc, toUtc));

    // Lord Howe Island, Sunday 2024-10-06: at 15:30Z on the 5th, 02:00 (+10:30) becomes 02:30 (+11:00): a 30-minute jump.
    [Theory]
    [InlineData("10 * * * *", "2024-10-05T14:00Z", "2024-10-05T17:00Z", new[]
    {
        "2024-10-05T14:40Z 01:10+10:30", "2024-10-05T16:10Z 03:10+11:00",
    })]
    [InlineData("*/15 * * * *", "2024-10-05T14:50Z", "2024-10-05T16:00Z", new[]
    {
        "2024-10-05T15:00Z 01:30+10:30", "2024-10-05T15:15Z 01:45+10:30", "2024-10-05T15:30Z 02:30+11:00", "2024-10-05T15:45Z 02:45+11:00",
    })]
    [InlineData("15 0-2 * * *", "2024-10-05T13:00Z", "2024-10-05T17:00Z", new[]
    {
        "2024-10-05T13:45Z 00:15+10:30", "2024-10-05T14:45Z 01:15+10:30", "2024-10-05T15:30Z 02:30+11:00",
    })]
    [InlineData("0 2 * * *", "2024-10-05T13:00Z", "2024-10-05T17:00Z", new[] { "2024-10-05T15:30Z 02:30+11:00" })]
    public void Lord_Howe(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "Australia/Lord_Howe", fromUtc, toUtc));
}
