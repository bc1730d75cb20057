using TaskCenter.Cli.Tests.Support;

namespace TaskCenter.Cli.Tests;

public sealed class NextTests(CliServerFixture fixture) : IClassFixture<CliServerFixture>
{
    [Fact]
    public async Task Weekdays_at_nine_in_Berlin_from_new_year_2026()
    {
        // 1 January 2026 is a Thursday; Berlin is UTC+1 in winter.
        var next = (await fixture.RunAsync(
            "next", "0 9 * * 1-5", "--timezone", "Europe/Berlin", "--from", "2026-01-01T00:00:00Z", "--count", "3", "--json")).SuccessJson();

        var times = next.GetProperty("times").EnumerateArray().ToList();
        Assert.Equal(
            [new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), new(2026, 1, 2, 8, 0, 0, TimeSpan.Zero), new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)],
            times.Select(t => DateTimeOffset.FromUnixTimeSeconds(t.GetProperty("unix").GetInt64())));
        Assert.Equal("2026-01-01 09:00:00 +01:00", times[0].GetProperty("zoned").GetString());
        Assert.Equal("2026-01-01 08:00:00Z", times[0].GetProperty("utc").GetString());
    }

    [Fact]
    public async Task Across_a_fall_back_a_fixed_time_job_fires_in_the_first_pass_only()
    {
        // New York, 2026-11-01: 02:00 EDT falls back to 01:00 EST at 06:00Z; 01:15 comes twice but fires once
        // (README, "Daylight saving").
        var next = (await fixture.RunAsync(
            "next", "15 0-2 * * *", "--timezone", "America/New_York", "--from", "2026-11-01T04:00:00Z", "--count", "4", "--json")).SuccessJson();

        Assert.Equal(
            ["2026-11-01 00:15:00 -04:00", "2026-11-01 01:15:00 -04:00", "2026-11-01 02:15:00 -05:00", "2026-11-02 00:15:00 -05:00"],
            next.GetProperty("times").EnumerateArray().Select(t => t.GetProperty("zoned").GetString()));
    }

    [Fact]
    public async Task Human_output_lists_the_times_in_the_zone_and_in_utc()
    {
        var next = await fixture.RunAsync("next", "30 4 1 * *", "--timezone", "America/New_York", "--from", "1767225600", "--count", "1");

        Assert.Equal(0, next.ExitCode);
        Assert.Contains("2026-01-01 04:30:00 -05:00", next.Stdout, StringComparison.Ordinal);
        Assert.Contains("2026-01-01 09:30:00Z", next.Stdout, StringComparison.Ordinal);
    }
}
