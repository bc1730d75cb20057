using TaskCenter.Core.Scheduling;

namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>Fires are whole-second UTC instants strictly after the given one, whatever its fraction or offset.</summary>
public class CrontabInstantTests
{
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
        Assert.Equal(CronFires.Utc("2024-01-01T12:00:01Z"), crontab.GetNextOccurrence(after, CronFires.Zone("Europe/Berlin")));
    }

    [Fact]
    public void A_fraction_of_a_second_before_a_jump_still_finds_the_fire_at_the_jump()
    {
        // New York jumps at 07:00Z on 2024-03-10; 02:30 was skipped.
        var after = CronFires.Utc("2024-03-10T06:59:59Z").AddMilliseconds(999);
        Assert.Equal(CronFires.Utc("2024-03-10T07:00:00Z"), CronFires.Parse("30 2 * * *").GetNextOccurrence(after, CronFires.Zone("America/New_York")));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Pacific/Auckland")]
    public void The_first_representable_instant_has_a_next_fire(string zone)
    {
        Assert.Equal(
            new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.Zero) - CronFires.Zone(zone).GetUtcOffset(new DateTime(1, 1, 2, 0, 0, 0, DateTimeKind.Utc)),
            CronFires.Parse("0 0 2 1 *").GetNextOccurrence(DateTimeOffset.MinValue, CronFires.Zone(zone)));
    }
}
