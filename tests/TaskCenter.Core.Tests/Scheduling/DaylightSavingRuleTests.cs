using System.Globalization;
using TaskCenter.Core.Scheduling;

namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>
/// The rule alone, on jobs given as lists of wall-clock times. New York 2024: on March 10 at 07:00Z the clocks jump from
/// 02:00 EST (-05:00) to 03:00 EDT (-04:00); on November 3 at 06:00Z they fall back from 02:00 EDT to 01:00 EST.
/// </summary>
public class DaylightSavingRuleTests
{
    private static readonly TimeZoneInfo NewYork = CronFires.Zone("America/New_York");

    /// <summary>A job that matches exactly these wall-clock times ("yyyy-MM-dd HH:mm").</summary>
    private static Func<DateTime, bool, DateTime?> At(params string[] wallTimes)
    {
        var times = wallTimes.Select(Wall).Order().ToArray();
        return (from, inclusive) => times.Cast<DateTime?>().FirstOrDefault(t => t > from || (inclusive && t == from));
    }

    private static DateTime Wall(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static string[] Fires(CrontabKind kind, string fromUtc, Func<DateTime, bool, DateTime?> job)
    {
        var fires = new List<string>();
        var at = CronFires.Utc(fromUtc).UtcDateTime;
        while (DaylightSavingRule.NextFire(kind, NewYork, at, job) is { } next)
        {
            Assert.True(next > at);
            Assert.Equal(DateTimeKind.Utc, next.Kind);
            fires.Add(CronFires.Described(new DateTimeOffset(next), NewYork));
            at = next;
        }

        return [.. fires];
    }

    [Fact]
    public void Several_skipped_times_of_a_fixed_time_job_fire_once_at_the_jump()
    {
        var job = At("2024-03-10 01:40", "2024-03-10 02:00", "2024-03-10 02:20", "2024-03-10 02:40", "2024-03-10 03:00", "2024-03-10 03:20");
        Assert.Equal(
            ["2024-03-10T06:40Z 01:40-05:00", "2024-03-10T07:00Z 03:00-04:00", "2024-03-10T07:20Z 03:20-04:00"],
            Fires(CrontabKind.FixedTime, "2024-03-10T00:00Z", job));
    }

    [Fact]
    public void Skipped_times_of_a_wildcard_job_do_not_fire()
    {
        Assert.Equal(
            ["2024-03-10T06:40Z 01:40-05:00", "2024-03-10T07:20Z 03:20-04:00"],
            Fires(CrontabKind.Wildcard, "2024-03-10T00:00Z", At("2024-03-10 01:40", "2024-03-10 02:00", "2024-03-10 02:40", "2024-03-10 03:20")));
    }

    [Fact]
    public void A_repeated_time_fires_in_the_first_pass_for_a_fixed_time_job_and_in_both_for_a_wildcard_job()
    {
        var job = At("2024-11-03 00:59", "2024-11-03 01:00", "2024-11-03 01:59", "2024-11-03 02:00");
        Assert.Equal(
            ["2024-11-03T04:59Z 00:59-04:00", "2024-11-03T05:00Z 01:00-04:00", "2024-11-03T05:59Z 01:59-04:00", "2024-11-03T07:00Z 02:00-05:00"],
            Fires(CrontabKind.FixedTime, "2024-11-03T00:00Z", job));
        Assert.Equal(
            [
                "2024-11-03T04:59Z 00:59-04:00", "2024-11-03T05:00Z 01:00-04:00", "2024-11-03T05:59Z 01:59-04:00",
                "2024-11-03T06:00Z 01:00-05:00", "2024-11-03T06:59Z 01:59-05:00", "2024-11-03T07:00Z 02:00-05:00",
            ],
            Fires(CrontabKind.Wildcard, "2024-11-03T00:00Z", job));
    }

    [Theory]
    [InlineData(CrontabKind.FixedTime, "2024-11-03T05:45Z", "2024-11-03T07:00Z 02:00-05:00")] // first pass, after the first 01:30
    [InlineData(CrontabKind.Wildcard, "2024-11-03T05:45Z", "2024-11-03T06:30Z 01:30-05:00")]
    [InlineData(CrontabKind.FixedTime, "2024-11-03T06:10Z", "2024-11-03T07:00Z 02:00-05:00")] // second pass, before the second 01:30
    [InlineData(CrontabKind.Wildcard, "2024-11-03T06:10Z", "2024-11-03T06:30Z 01:30-05:00")]
    [InlineData(CrontabKind.FixedTime, "2024-11-03T05:10Z", "2024-11-03T05:30Z 01:30-04:00")] // first pass, before the first 01:30
    public void From_within_the_repeated_hour(CrontabKind kind, string fromUtc, string next)
    {
        Assert.Equal(next, Fires(kind, fromUtc, At("2024-11-03 01:30", "2024-11-03 02:00"))[0]);
    }

    [Fact]
    public void Nothing_after_the_last_time_is_null()
    {
        Assert.Null(DaylightSavingRule.NextFire(CrontabKind.FixedTime, NewYork, Wall("2024-03-10 12:00"), At("2024-03-10 02:30")));
        Assert.Null(DaylightSavingRule.NextFire(CrontabKind.Wildcard, NewYork, Wall("2024-03-10 00:00"), At("2024-03-10 02:30")));
    }

    [Theory]
    [InlineData("America/New_York", "2024-03-10 05:00", "2024-03-10 07:00:00", "-05:00", "-04:00")]
    [InlineData("America/New_York", "2024-11-03 12:00", "2024-11-03 06:00:00", "-04:00", "-05:00")]
    [InlineData("Australia/Lord_Howe", "2024-10-06 02:10", "2024-10-05 15:30:00", "10:30", "11:00")]
    [InlineData("Antarctica/Troll", "2024-03-31 02:00", "2024-03-31 01:00:00", "00:00", "02:00")]
    [InlineData("Europe/Dublin", "2024-10-27 01:30", "2024-10-27 01:00:00", "01:00", "00:00")]
    public void The_clock_change_near_a_time_is_found_to_the_second(string zone, string near, string at, string before, string after)
    {
        var change = ClockChange.Near(CronFires.Zone(zone), Wall(near), out _);
        Assert.Equal(
            new ClockChange(DateTime.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                TimeSpan.Parse(before, CultureInfo.InvariantCulture), TimeSpan.Parse(after, CultureInfo.InvariantCulture)),
            change);
    }

    [Fact]
    public void Far_from_a_change_there_is_none_and_the_offset_is_the_zones()
    {
        Assert.Null(ClockChange.Near(NewYork, Wall("2024-07-01 12:00"), out var summer));
        Assert.Equal(TimeSpan.FromHours(-4), summer);
        Assert.Null(ClockChange.Near(TimeZoneInfo.Utc, DateTime.MaxValue, out var utc));
        Assert.Equal(TimeSpan.Zero, utc);
    }
}
