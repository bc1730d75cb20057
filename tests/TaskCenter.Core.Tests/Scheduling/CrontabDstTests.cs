using TaskCenter.Core.Scheduling;

namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>
/// Neither skipped nor doubled across DST. 2024 transitions: New York springs forward on Sunday March 10 at 02:00 EST
/// (07:00Z) and falls back on Sunday November 3 at 02:00 EDT (06:00Z, so 01:00-02:00 happens twice); Berlin springs
/// forward on Sunday March 31 at 02:00 CET (01:00Z) and falls back on Sunday October 27 at 03:00 CEST (01:00Z, so
/// 02:00-03:00 happens twice).
/// </summary>
public class CrontabDstTests
{
    [Fact]
    public void New_York_spring_forward_fires_a_missing_time_once_at_the_transition()
    {
        // 02:30 EST = 07:30Z; on the 10th 02:30 does not exist, so 03:00 EDT = 07:00Z; then 02:30 EDT = 06:30Z.
        Assert.Equal(
            ["2024-03-09T07:30:00Z", "2024-03-10T07:00:00Z", "2024-03-11T06:30:00Z"],
            CronFires.Next("30 2 * * *", "2024-03-08T12:00:00Z", 3, "America/New_York"));
    }

    [Fact]
    public void New_York_fall_back_fires_a_fixed_time_once()
    {
        // 02:30 is not repeated in New York: 02:30 EDT = 06:30Z, then 02:30 EST = 07:30Z.
        Assert.Equal(
            ["2024-11-02T06:30:00Z", "2024-11-03T07:30:00Z", "2024-11-04T07:30:00Z"],
            CronFires.Next("30 2 * * *", "2024-11-01T12:00:00Z", 3, "America/New_York"));

        // 01:30 happens twice (05:30Z EDT and 06:30Z EST): only the first fires.
        Assert.Equal(
            ["2024-11-02T05:30:00Z", "2024-11-03T05:30:00Z", "2024-11-04T06:30:00Z"],
            CronFires.Next("30 1 * * *", "2024-11-01T12:00:00Z", 3, "America/New_York"));
    }

    [Fact]
    public void Berlin_spring_forward_fires_a_missing_time_once_at_the_transition()
    {
        // 02:30 CET = 01:30Z; on the 31st 02:30 does not exist, so 03:00 CEST = 01:00Z; then 02:30 CEST = 00:30Z.
        Assert.Equal(
            ["2024-03-30T01:30:00Z", "2024-03-31T01:00:00Z", "2024-04-01T00:30:00Z"],
            CronFires.Next("30 2 * * *", "2024-03-29T12:00:00Z", 3, "Europe/Berlin"));
    }

    [Fact]
    public void Berlin_fall_back_fires_a_repeated_time_once()
    {
        // 02:30 happens twice on the 27th (00:30Z CEST and 01:30Z CET): only the first fires.
        Assert.Equal(
            ["2024-10-26T00:30:00Z", "2024-10-27T00:30:00Z", "2024-10-28T01:30:00Z"],
            CronFires.Next("30 2 * * *", "2024-10-25T12:00:00Z", 3, "Europe/Berlin"));
    }

    [Theory]
    [InlineData("America/New_York", "2024-11-03T02:30:00Z")]
    [InlineData("Europe/Berlin", "2024-10-26T20:30:00Z")]
    [InlineData("America/New_York", "2024-03-10T02:30:00Z")]
    [InlineData("Europe/Berlin", "2024-03-30T20:30:00Z")]
    public void Hourly_fires_every_real_hour_across_a_transition(string zone, string from)
    {
        var fires = CronFires.Next(CronFires.Parse("0 * * * *"), CronFires.Utc(from), 10, CronFires.Zone(zone));

        // Every UTC hour from the next one on: no gap at a spring-forward, no double at a fall-back.
        var first = CronFires.Utc(from).AddMinutes(30);
        Assert.Equal(Enumerable.Range(0, 10).Select(h => CronFires.Iso(first.AddHours(h))), fires.Select(CronFires.Iso));
    }

    [Fact]
    public void Hourly_over_the_Berlin_fall_back_fires_at_both_two_oclocks()
    {
        // 01:00 CEST = 23:00Z, 02:00 CEST = 00:00Z, 02:00 CET = 01:00Z, 03:00 CET = 02:00Z.
        Assert.Equal(
            ["2024-10-26T23:00:00Z", "2024-10-27T00:00:00Z", "2024-10-27T01:00:00Z", "2024-10-27T02:00:00Z"],
            CronFires.Next("0 * * * *", "2024-10-26T22:30:00Z", 4, "Europe/Berlin"));
    }

    [Fact]
    public void Sub_second_and_offset_inputs_give_whole_second_utc_fires()
    {
        var crontab = CronFires.Parse("0 12 * * *");
        var justBefore = new DateTimeOffset(2024, 1, 1, 11, 59, 59, TimeSpan.Zero).AddMilliseconds(500);
        Assert.Equal(CronFires.Utc("2024-01-01T12:00:00Z"), crontab.GetNextOccurrence(justBefore, TimeZoneInfo.Utc));

        var justAfter = justBefore.AddSeconds(1);
        Assert.Equal(CronFires.Utc("2024-01-02T12:00:00Z"), crontab.GetNextOccurrence(justAfter, TimeZoneInfo.Utc));

        // 13:00+01:00 is 12:00Z: strictly after it is the next day.
        var atFire = new DateTimeOffset(2024, 1, 1, 13, 0, 0, TimeSpan.FromHours(1));
        var next = crontab.GetNextOccurrence(atFire, TimeZoneInfo.Utc);
        Assert.Equal(TimeSpan.Zero, next?.Offset);
        Assert.Equal(CronFires.Utc("2024-01-02T12:00:00Z"), next);
    }

    [Fact]
    public void The_seconds_form_steps_over_a_fraction_of_a_second()
    {
        var crontab = CronFires.Parse("* * * * * *");
        var after = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(999);
        var next = crontab.GetNextOccurrence(after, TimeZones.TryFind("Europe/Berlin", out var berlin) ? berlin : TimeZoneInfo.Utc);
        Assert.Equal(CronFires.Utc("2024-01-01T12:00:01Z"), next);
    }
}
