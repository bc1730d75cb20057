using System.Net;
using TaskCenter.Server.Tests.Management;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Api;

public abstract class CrontabNextTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task Answers_the_next_times_strictly_after_from()
    {
        // 2024-01-01T00:00:00Z; "0 9 * * *" in Shanghai is 01:00 UTC.
        var (status, body) = await Http.GetJsonAsync("/v1/api/crontab/next?crontab=0%209%20*%20*%20*&timezone=Asia/Shanghai&from=1704067200&count=3");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([1704070800L, 1704157200L, 1704243600L], body.GetProperty("times").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("Asia/Shanghai", body.GetProperty("timezone").GetString());
    }

    [Theory]
    [InlineData("0%209%20*%20*%20*", "", "UTC")]
    [InlineData("CRON_TZ=Asia/Tokyo%200%209%20*%20*%20*", "&timezone=Europe/Berlin", "Asia/Tokyo")]
    [InlineData("TZ=Asia/Tokyo%20@daily", "", "Asia/Tokyo")]
    public async Task Names_the_zone_the_times_are_read_in(string crontab, string timezone, string zone)
    {
        var (_, body) = await Http.GetJsonAsync($"/v1/api/crontab/next?crontab={crontab}{timezone}&from=1704067200&count=1");

        Assert.Equal(zone, body.GetProperty("timezone").GetString());
    }

    [Theory]
    // New York, 2030-03-10: 02:00 EST jumps to 03:00 EDT at 07:00Z. A wildcard job has no 02:30 and no extra fire;
    // a fixed-time job fires its skipped time at the jump.
    [InlineData("30 * * * *", 1899349200L, new[] { 1899351000L, 1899354600L, 1899358200L, 1899361800L })] // 00:30, 01:30 EST, 03:30, 04:30 EDT
    [InlineData("30 2 * * *", 1899349200L, new[] { 1899356400L, 1899441000L })] // 03:00 EDT (the jump), next day 02:30 EDT
    // 2030-11-03: 02:00 EDT falls back to 01:00 EST at 06:00Z. A fixed-time job fires in the first pass only.
    [InlineData("15 0-2 * * *", 1919908800L, new[] { 1919909700L, 1919913300L, 1919920500L })] // 00:15, 01:15 EDT, 02:15 EST
    public async Task The_preview_follows_the_daylight_saving_rule(string crontab, long from, long[] times)
    {
        var (_, body) = await Http.GetJsonAsync(
            $"/v1/api/crontab/next?crontab={Uri.EscapeDataString(crontab)}&timezone=America/New_York&from={from}&count={times.Length}");
        Assert.Equal(times, body.GetProperty("times").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task A_tasks_next_fires_follow_the_same_rule()
    {
        // From 2030-03-09 00:00Z: 02:30 EST, then the jump (03:00 EDT) for the skipped 02:30, then 02:30 EDT.
        var id = await Http.AddAsync(new
        {
            name = TaskCalls.UniquePrefix("next-daylight") + "fixed", type = 3, data = "d", crontab = "30 2 * * *",
            timezone = "America/New_York", start_time = 1899244800L,
        });

        var (_, next) = await Http.GetJsonAsync($"/v1/api/tasks/{id}/next?count=3");
        Assert.Equal([1899271800_000L, 1899356400_000L, 1899441000_000L], next.GetProperty("times_ms").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task Five_times_by_default_from_now()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (_, body) = await Http.GetJsonAsync("/v1/api/crontab/next?crontab=@hourly");
        var times = body.GetProperty("times").EnumerateArray().Select(e => e.GetInt64()).ToList();

        Assert.Equal(5, times.Count);
        Assert.True(times[0] > before);
        Assert.All(times, t => Assert.Equal(0, t % 3600));
    }

    [Fact]
    public async Task A_crontab_that_never_fires_gives_no_times()
    {
        var (status, body) = await Http.GetJsonAsync("/v1/api/crontab/next?crontab=0%200%2030%202%20*");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("times").GetArrayLength());
    }

    [Theory]
    [InlineData("/v1/api/crontab/next", "crontab is required")]
    [InlineData("/v1/api/crontab/next?crontab=*%20*%20*", "crontab")]
    [InlineData("/v1/api/crontab/next?crontab=@hourly&timezone=Mars/Olympus", "timezone")]
    [InlineData("/v1/api/crontab/next?crontab=@hourly&count=0", "count")]
    [InlineData("/v1/api/crontab/next?crontab=@hourly&count=101", "count")]
    [InlineData("/v1/api/crontab/next?crontab=@hourly&from=abc", "from")]
    public async Task Bad_parameters_are_a_400(string path, string mentions) =>
        AssertError(await Http.GetJsonAsync(path), HttpStatusCode.BadRequest, mentions);
}

public sealed class CrontabNextTestsOnSqlite(SqliteServerFixture fixture) : CrontabNextTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class CrontabNextTestsOnPostgres(PostgresServerFixture fixture) : CrontabNextTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class CrontabNextTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : CrontabNextTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
