using System.Text.Json.Nodes;
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

        Assert.Equal(
            [new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), new(2026, 1, 2, 8, 0, 0, TimeSpan.Zero), new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)],
            next.GetProperty("times").EnumerateArray().Select(t => DateTimeOffset.FromUnixTimeSeconds(t.GetInt64())));
        Assert.Equal("Europe/Berlin", next.GetProperty("timezone").GetString());
    }

    [Theory]
    [InlineData("0 9 * * 1-5", "Europe/Berlin")]
    [InlineData("CRON_TZ=Asia/Tokyo 30 8 * * *", "Europe/Berlin")]
    [InlineData("*/10 * * * * *", null)]
    public async Task Json_output_is_the_answer_of_the_api(string crontab, string? zone)
    {
        var query = $"v1/api/crontab/next?crontab={Uri.EscapeDataString(crontab)}&from=1767225600&count=4" + (zone is null ? "" : $"&timezone={zone}");
        var api = JsonNode.Parse(await fixture.Server.Http.GetStringAsync(new Uri(query, UriKind.Relative)));

        string[] zoneOption = zone is null ? [] : ["--timezone", zone];
        var cli = await fixture.RunAsync(["next", crontab, .. zoneOption, "--from", "1767225600", "--count", "4", "--json"]);

        Assert.True(cli.ExitCode == 0, cli.Stderr);
        Assert.True(JsonNode.DeepEquals(api, JsonNode.Parse(cli.Stdout)), $"API: {api?.ToJsonString()}{Environment.NewLine}CLI: {cli.Stdout}");
    }

    [Fact]
    public async Task Across_a_fall_back_a_fixed_time_job_fires_in_the_first_pass_only()
    {
        // New York, 2026-11-01: 02:00 EDT falls back to 01:00 EST at 06:00Z; 01:15 comes twice but fires once
        // (README, "Daylight saving").
        var next = await fixture.RunAsync(
            "next", "15 0-2 * * *", "--timezone", "America/New_York", "--from", "2026-11-01T04:00:00Z", "--count", "4");

        Assert.Equal(0, next.ExitCode);
        string[] expected = ["2026-11-01 00:15:00 -04:00", "2026-11-01 01:15:00 -04:00", "2026-11-01 02:15:00 -05:00", "2026-11-02 00:15:00 -05:00"];
        Assert.Equal(expected, expected.OrderBy(time => next.Stdout.IndexOf(time, StringComparison.Ordinal)));
        Assert.All(expected, time => Assert.Contains(time, next.Stdout, StringComparison.Ordinal));
        Assert.DoesNotContain("01:15:00 -05:00", next.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Human_output_lists_the_times_in_the_zone_and_in_utc()
    {
        var next = await fixture.RunAsync("next", "30 4 1 * *", "--timezone", "America/New_York", "--from", "1767225600", "--count", "1");

        Assert.Equal(0, next.ExitCode);
        Assert.Contains("America/New_York", next.Stdout, StringComparison.Ordinal);
        Assert.Contains("2026-01-01 04:30:00 -05:00", next.Stdout, StringComparison.Ordinal);
        Assert.Contains("2026-01-01 09:30:00Z", next.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crontab_read_in_utc_shows_each_time_once()
    {
        var next = await fixture.RunAsync("next", "*/10 * * * * *", "--from", "2026-01-01T00:00:00Z", "--count", "2");

        Assert.Equal(0, next.ExitCode);
        Assert.Equal(1, next.Stdout.Split("2026-01-01 00:00:10Z").Length - 1);
        Assert.Equal(1, next.Stdout.Split("2026-01-01 00:00:20Z").Length - 1);
        Assert.DoesNotContain("+00:00", next.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cron_tz_prefix_shows_the_times_in_its_own_zone_whatever_timezone_says()
    {
        var next = await fixture.RunAsync(
            "next", "CRON_TZ=Asia/Tokyo 0 9 * * *", "--timezone", "Europe/Berlin", "--from", "2026-01-01T00:00:00Z", "--count", "1");

        Assert.Equal(0, next.ExitCode);
        Assert.Contains("Asia/Tokyo", next.Stdout, StringComparison.Ordinal);
        Assert.Contains("2026-01-02 09:00:00 +09:00", next.Stdout, StringComparison.Ordinal);
        Assert.Contains("2026-01-02 00:00:00Z", next.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Europe/Berlin", next.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("+01:00", next.Stdout, StringComparison.Ordinal);
    }
}
