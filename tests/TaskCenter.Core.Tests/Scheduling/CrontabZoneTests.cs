using TaskCenter.Core.Scheduling;

namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>The caller's zone, and CRON_TZ= / TZ= prefixes that override it.</summary>
public class CrontabZoneTests
{
    private const string JuneNoon = "2024-06-01T12:00:00Z";

    [Fact]
    public void Without_a_prefix_the_callers_zone_is_used()
    {
        // 09:00 in Shanghai (UTC+8, no DST) is 01:00Z.
        Assert.Equal(["2024-06-02T01:00:00Z", "2024-06-03T01:00:00Z"], CronFires.Next("0 9 * * *", JuneNoon, 2, "Asia/Shanghai"));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    public void Cron_tz_overrides_the_callers_zone(string callerZone)
    {
        var crontab = CronFires.Parse("CRON_TZ=Asia/Tokyo 0 9 * * *");
        Assert.Equal("Asia/Tokyo", crontab.Zone?.Id);
        Assert.False(crontab.HasSeconds);

        // 09:00 in Tokyo (UTC+9) is 00:00Z.
        Assert.Equal(["2024-06-02T00:00:00Z", "2024-06-03T00:00:00Z"], CronFires.Next("CRON_TZ=Asia/Tokyo 0 9 * * *", JuneNoon, 2, callerZone));
    }

    [Fact]
    public void Tz_works_like_cron_tz()
    {
        // 09:00 EDT (UTC-4) is 13:00Z.
        Assert.Equal("America/New_York", CronFires.Parse("TZ=America/New_York 0 9 * * *").Zone?.Id);
        Assert.Equal(["2024-06-01T13:00:00Z", "2024-06-02T13:00:00Z"], CronFires.Next("TZ=America/New_York 0 9 * * *", JuneNoon, 2, "Asia/Tokyo"));
    }

    [Fact]
    public void A_prefix_may_precede_a_macro_or_the_seconds_form()
    {
        // Midnight in Tokyo is 15:00Z the day before.
        Assert.Equal(["2024-06-01T15:00:00Z", "2024-06-02T15:00:00Z"], CronFires.Next("CRON_TZ=Asia/Tokyo @daily", JuneNoon, 2));
        var seconds = CronFires.Parse("CRON_TZ=Asia/Tokyo\t30 0 9 * * *");
        Assert.True(seconds.HasSeconds);
        Assert.Equal(["2024-06-02T00:00:30Z"], CronFires.Next("CRON_TZ=Asia/Tokyo\t30 0 9 * * *", JuneNoon, 1));
    }

    [Theory]
    [InlineData("CRON_TZ=Mars/Olympus 0 9 * * *", "names an unknown time zone 'Mars/Olympus'")]
    [InlineData("TZ=Nowhere 0 9 * * *", "names an unknown time zone 'Nowhere'")]
    [InlineData("CRON_TZ=europe/berlin 0 9 * * *", "names an unknown time zone 'europe/berlin'")]
    [InlineData("CRON_TZ= 0 9 * * *", "has CRON_TZ= with no time zone")]
    [InlineData("CRON_TZ=Asia/Tokyo", "has no schedule after CRON_TZ=Asia/Tokyo")]
    [InlineData("CRON_TZ=Asia/Tokyo 0 9 * *", "has 4 fields; expected 5 (or 6 with seconds first)")]
    public void Bad_prefixes_are_invalid(string expression, string error)
    {
        Assert.StartsWith(error, CronFires.ParseError(expression), StringComparison.Ordinal);
    }

    [Fact]
    public void The_callers_zone_is_required()
    {
        var crontab = CronFires.Parse("0 9 * * *");
        Assert.Throws<ArgumentNullException>(() => crontab.GetNextOccurrence(DateTimeOffset.UnixEpoch, null!));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("Asia/Shanghai")]
    [InlineData("America/Argentina/Buenos_Aires")]
    public void Iana_ids_are_found_and_cached(string id)
    {
        Assert.True(TimeZones.TryFind(id, out var zone));
        Assert.Equal(id, zone.Id);
        Assert.True(TimeZones.TryFind(id, out var again));
        Assert.Same(zone, again);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Mars/Olympus")]
    [InlineData("europe/berlin")]
    [InlineData("Eastern Standard Time")]
    [InlineData("../../etc/passwd")]
    [InlineData("/usr/share/zoneinfo/UTC")]
    [InlineData("localtime")]
    [InlineData("posix/Europe/Berlin")]
    [InlineData("Europe/Berlin/")]
    public void Other_ids_are_not_found(string? id)
    {
        Assert.True(TimeZones.TryFind("Europe/Berlin", out _)); // then a case-insensitive hit in .NET's own cache must not leak through
        Assert.False(TimeZones.TryFind(id, out var zone));
        Assert.Null(zone);
    }
}
