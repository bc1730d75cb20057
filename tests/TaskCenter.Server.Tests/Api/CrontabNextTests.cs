using System.Net;
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
