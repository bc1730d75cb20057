namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>
/// Nights the clocks fall back (cronie's "DST ends"): a fixed-time job fires only in the first pass through the
/// repeated wall-clock times; a wildcard job fires in both passes, by real time. Each fire is its UTC instant and its
/// wall-clock time with the offset, so UTC = wall-clock time − offset can be checked by eye.
/// </summary>
public class CrontabFallBackTests
{
    // New York, Sunday 2024-11-03: at 06:00Z, 02:00 EDT (-04:00) becomes 01:00 EST (-05:00), so 01:00-01:59 happens twice.
    [Theory]
    [InlineData("30 * * * *", "2024-11-03T04:00Z", "2024-11-03T08:00Z", new[]
    {
        "2024-11-03T04:30Z 00:30-04:00", "2024-11-03T05:30Z 01:30-04:00", "2024-11-03T06:30Z 01:30-05:00", "2024-11-03T07:30Z 02:30-05:00",
    })]
    [InlineData("15 0-2 * * *", "2024-11-03T04:00Z", "2024-11-03T08:00Z", new[]
    {
        "2024-11-03T04:15Z 00:15-04:00", "2024-11-03T05:15Z 01:15-04:00", "2024-11-03T07:15Z 02:15-05:00",
    })]
    [InlineData("*/15 * * * *", "2024-11-03T04:50Z", "2024-11-03T07:00Z", new[]
    {
        "2024-11-03T05:00Z 01:00-04:00", "2024-11-03T05:15Z 01:15-04:00", "2024-11-03T05:30Z 01:30-04:00", "2024-11-03T05:45Z 01:45-04:00",
        "2024-11-03T06:00Z 01:00-05:00", "2024-11-03T06:15Z 01:15-05:00", "2024-11-03T06:30Z 01:30-05:00", "2024-11-03T06:45Z 01:45-05:00",
    })]
    [InlineData("0 */2 * * *", "2024-11-03T03:00Z", "2024-11-03T10:00Z", new[] { "2024-11-03T04:00Z 00:00-04:00", "2024-11-03T07:00Z 02:00-05:00", "2024-11-03T09:00Z 04:00-05:00" })]
    [InlineData("*/10 * * * * *", "2024-11-03T05:59:30Z", "2024-11-03T06:00:15Z", new[]
    {
        "2024-11-03T05:59:40Z 01:59:40-04:00", "2024-11-03T05:59:50Z 01:59:50-04:00",
        "2024-11-03T06:00Z 01:00-05:00", "2024-11-03T06:00:10Z 01:00:10-05:00",
    })]
    [InlineData("30 1 * * *", "2024-11-02T00:00Z", "2024-11-05T00:00Z", new[]
    {
        "2024-11-02T05:30Z 01:30-04:00", "2024-11-03T05:30Z 01:30-04:00", "2024-11-04T06:30Z 01:30-05:00",
    })]
    [InlineData("30 2 * * *", "2024-11-02T00:00Z", "2024-11-05T00:00Z", new[]
    {
        "2024-11-02T06:30Z 02:30-04:00", "2024-11-03T07:30Z 02:30-05:00", "2024-11-04T07:30Z 02:30-05:00",
    })]
    [InlineData("0,30 1 * * *", "2024-11-03T04:00Z", "2024-11-03T08:00Z", new[] { "2024-11-03T05:00Z 01:00-04:00", "2024-11-03T05:30Z 01:30-04:00" })]
    [InlineData("0 1 * * 0", "2024-10-30T00:00Z", "2024-11-12T00:00Z", new[] { "2024-11-03T05:00Z 01:00-04:00", "2024-11-10T06:00Z 01:00-05:00" })]
    [InlineData("*/20 1 * * *", "2024-11-03T04:00Z", "2024-11-03T08:00Z", new[]
    {
        "2024-11-03T05:00Z 01:00-04:00", "2024-11-03T05:20Z 01:20-04:00", "2024-11-03T05:40Z 01:40-04:00",
        "2024-11-03T06:00Z 01:00-05:00", "2024-11-03T06:20Z 01:20-05:00", "2024-11-03T06:40Z 01:40-05:00",
    })]
    [InlineData("0 30 1 * * *", "2024-11-03T04:00Z", "2024-11-03T08:00Z", new[] { "2024-11-03T05:30Z 01:30-04:00" })]
    [InlineData("* 30 1 * * *", "2024-11-03T05:30:57Z", "2024-11-03T06:30:02Z", new[]
    {
        "2024-11-03T05:30:58Z 01:30:58-04:00", "2024-11-03T05:30:59Z 01:30:59-04:00",
        "2024-11-03T06:30Z 01:30-05:00", "2024-11-03T06:30:01Z 01:30:01-05:00",
    })]
    public void New_York(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "America/New_York", fromUtc, toUtc));

    [Theory]
    [InlineData("15 0-2 * * *", "2024-11-03T05:15Z", "2024-11-03T07:15Z")] // from the first 01:15 to 02:15, past the second 01:15
    [InlineData("15 0-2 * * *", "2024-11-03T06:10Z", "2024-11-03T07:15Z")] // from within the second pass: no 01:15 again
    [InlineData("30 * * * *", "2024-11-03T05:50Z", "2024-11-03T06:30Z")] // from late in the first pass: the second 01:30 is next
    [InlineData("0 1 * * *", "2024-11-03T05:00Z", "2024-11-04T06:00Z")]
    public void The_next_fire_from_within_the_repeated_hour(string expression, string afterUtc, string nextUtc)
    {
        var next = CronFires.Parse(expression).GetNextOccurrence(CronFires.Utc(afterUtc), CronFires.Zone("America/New_York"));
        Assert.Equal(CronFires.Utc(nextUtc), next);
    }

    // Berlin, Sunday 2024-10-27: at 01:00Z, 03:00 CEST (+02:00) becomes 02:00 CET (+01:00), so 02:00-02:59 happens twice.
    [Theory]
    [InlineData("30 2 * * *", "2024-10-26T00:00Z", "2024-10-28T12:00Z", new[]
    {
        "2024-10-26T00:30Z 02:30+02:00", "2024-10-27T00:30Z 02:30+02:00", "2024-10-28T01:30Z 02:30+01:00",
    })]
    [InlineData("0,30 2 * * *", "2024-10-26T23:00Z", "2024-10-27T03:00Z", new[] { "2024-10-27T00:00Z 02:00+02:00", "2024-10-27T00:30Z 02:30+02:00" })]
    [InlineData("0 2 * * 0", "2024-10-26T12:00Z", "2024-10-27T12:00Z", new[] { "2024-10-27T00:00Z 02:00+02:00" })]
    [InlineData("@hourly", "2024-10-26T22:30Z", "2024-10-27T02:30Z", new[]
    {
        "2024-10-26T23:00Z 01:00+02:00", "2024-10-27T00:00Z 02:00+02:00", "2024-10-27T01:00Z 02:00+01:00", "2024-10-27T02:00Z 03:00+01:00",
    })]
    public void Berlin(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "Europe/Berlin", fromUtc, toUtc));

    // Sydney, Sunday 2024-04-07 (southern autumn): at 16:00Z on the 6th, 03:00 AEDT (+11:00) becomes 02:00 AEST (+10:00).
    [Theory]
    [InlineData("30 2 * * *", "2024-04-05T12:00Z", "2024-04-07T18:00Z", new[]
    {
        "2024-04-05T15:30Z 02:30+11:00", "2024-04-06T15:30Z 02:30+11:00", "2024-04-07T16:30Z 02:30+10:00",
    })]
    [InlineData("*/15 * * * *", "2024-04-06T14:50Z", "2024-04-06T17:00Z", new[]
    {
        "2024-04-06T15:00Z 02:00+11:00", "2024-04-06T15:15Z 02:15+11:00", "2024-04-06T15:30Z 02:30+11:00", "2024-04-06T15:45Z 02:45+11:00",
        "2024-04-06T16:00Z 02:00+10:00", "2024-04-06T16:15Z 02:15+10:00", "2024-04-06T16:30Z 02:30+10:00", "2024-04-06T16:45Z 02:45+10:00",
    })]
    [InlineData("0 2 * * 0", "2024-04-06T00:00Z", "2024-04-07T00:00Z", new[] { "2024-04-06T15:00Z 02:00+11:00" })]
    public void Sydney(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "Australia/Sydney", fromUtc, toUtc));

    // Auckland, Sunday 2024-04-07: at 14:00Z on the 6th, 03:00 NZDT (+13:00) becomes 02:00 NZST (+12:00).
    [Theory]
    [InlineData("0 */2 * * *", "2024-04-06T10:00Z", "2024-04-06T16:00Z", new[]
    {
        "2024-04-06T11:00Z 00:00+13:00", "2024-04-06T13:00Z 02:00+13:00", "2024-04-06T14:00Z 02:00+12:00",
    })]
    [InlineData("15 0-2 * * *", "2024-04-06T10:00Z", "2024-04-06T16:00Z", new[]
    {
        "2024-04-06T11:15Z 00:15+13:00", "2024-04-06T12:15Z 01:15+13:00", "2024-04-06T13:15Z 02:15+13:00",
    })]
    [InlineData("*/10 * * * * *", "2024-04-06T13:59:30Z", "2024-04-06T14:00:15Z", new[]
    {
        "2024-04-06T13:59:40Z 02:59:40+13:00", "2024-04-06T13:59:50Z 02:59:50+13:00",
        "2024-04-06T14:00Z 02:00+12:00", "2024-04-06T14:00:10Z 02:00:10+12:00",
    })]
    public void Auckland(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "Pacific/Auckland", fromUtc, toUtc));

    // Santiago, Sunday 2024-04-07: at 03:00Z, midnight (-03:00) becomes 23:00 (-04:00) of Saturday, so 23:00-23:59 happens twice.
    [Theory]
    [InlineData("30 23 * * *", "2024-04-06T00:00Z", "2024-04-08T12:00Z", new[]
    {
        "2024-04-06T02:30Z 23:30-03:00", "2024-04-07T02:30Z 23:30-03:00", "2024-04-08T03:30Z 23:30-04:00",
    })]
    [InlineData("@daily", "2024-04-06T00:00Z", "2024-04-09T00:00Z", new[]
    {
        "2024-04-06T03:00Z 00:00-03:00", "2024-04-07T04:00Z 00:00-04:00", "2024-04-08T04:00Z 00:00-04:00",
    })]
    [InlineData("30 * * * *", "2024-04-07T01:00Z", "2024-04-07T05:00Z", new[]
    {
        "2024-04-07T01:30Z 22:30-03:00", "2024-04-07T02:30Z 23:30-03:00", "2024-04-07T03:30Z 23:30-04:00", "2024-04-07T04:30Z 00:30-04:00",
    })]
    public void Santiago(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "America/Santiago", fromUtc, toUtc));

    // Havana, Sunday 2024-11-03: at 05:00Z, 01:00 CDT (-04:00) becomes midnight CST (-05:00), so 00:00-00:59 happens twice.
    [Theory]
    [InlineData("@daily", "2024-11-02T00:00Z", "2024-11-05T00:00Z", new[]
    {
        "2024-11-02T04:00Z 00:00-04:00", "2024-11-03T04:00Z 00:00-04:00", "2024-11-04T05:00Z 00:00-05:00",
    })]
    [InlineData("30 * * * *", "2024-11-03T03:00Z", "2024-11-03T07:00Z", new[]
    {
        "2024-11-03T03:30Z 23:30-04:00", "2024-11-03T04:30Z 00:30-04:00", "2024-11-03T05:30Z 00:30-05:00", "2024-11-03T06:30Z 01:30-05:00",
    })]
    public void Havana(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "America/Havana", fromUtc, toUtc));

    // Lord Howe Island, Sunday 2024-04-07: at 15:00Z on the 6th, 02:00 (+11:00) becomes 01:30 (+10:30): 30 minutes twice.
    [Theory]
    [InlineData("45 1 * * *", "2024-04-05T12:00Z", "2024-04-07T18:00Z", new[]
    {
        "2024-04-05T14:45Z 01:45+11:00", "2024-04-06T14:45Z 01:45+11:00", "2024-04-07T15:15Z 01:45+10:30",
    })]
    [InlineData("*/15 * * * *", "2024-04-06T14:10Z", "2024-04-06T15:40Z", new[]
    {
        "2024-04-06T14:15Z 01:15+11:00", "2024-04-06T14:30Z 01:30+11:00", "2024-04-06T14:45Z 01:45+11:00",
        "2024-04-06T15:00Z 01:30+10:30", "2024-04-06T15:15Z 01:45+10:30", "2024-04-06T15:30Z 02:00+10:30",
    })]
    public void Lord_Howe(string expression, string fromUtc, string toUtc, string[] fires) =>
        Assert.Equal(fires, CronFires.Between(expression, "Australia/Lord_Howe", fromUtc, toUtc));
}
