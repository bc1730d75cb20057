using System.Text.Json.Nodes;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Api;

/// <summary>
/// Bad input never produces a 5xx: every field of every POST body is replaced in turn by values of every JSON type,
/// extreme numbers and odd strings, and every answer must be a 2xx or a 4xx with the error shape.
/// </summary>
public abstract class NoServerFaultTests(ServerFixture fixture)
{
    private static readonly Func<JsonNode?>[] OddValues =
    [
        () => null, () => true, () => 1.5, () => -1, () => 0, () => long.MaxValue, () => long.MinValue, () => 1e300,
        () => "", () => " ", () => new string('x', 300), () => "\u0000", () => "a||b", () => "*", () => "报表",
        () => "65a1f0c2e4b0a1b2c3d4e5f6", () => "CRON_TZ=Nowhere/City * * * * *", () => "@every 1s",
        () => new JsonArray(), () => new JsonArray(1, "x"), () => new JsonObject(), () => 253_402_300_800,
    ];

    public static TheoryData<string, string> Bodies => new()
    {
        { "/v1/api/task", """{"name":"fuzz","type":3,"data":"d","crontab":"0 9 * * *","loop_time":5,"loop_count":2,"start_time":1900000000,"end_time":1900086400,"max_runtime":10,"ack":true,"timezone":"UTC"}""" },
        { "/v1/api/task", """{"name":"fuzz","type":2,"data":"d","loop_time":5}""" },
        { "/v1/api/delete-task", """{"ids":["65a1f0c2e4b0a1b2c3d4e5f6"]}""" },
        { "/v1/api/delete-task-by-name", """{"name":"fuzz-none"}""" },
        { "/v1/api/consume", """{"group":"fuzz","tags":"fuzz-none","max":2,"wait_ms":0,"lease_ms":1000}""" },
        { "/v1/api/ack", """{"group":"fuzz","msgids":["65a1f0c2e4b0a1b2c3d4e5f6"]}""" },
        { "/v1/api/nack", """{"group":"fuzz","msgid":"65a1f0c2e4b0a1b2c3d4e5f6","error":"e"}""" },
        { "/v1/api/dead-letters/redrive", """{"group":"fuzz","msgids":["65a1f0c2e4b0a1b2c3d4e5f6"]}""" },
        { "/v1/api/dead-letters/purge", """{"group":"fuzz"}""" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Every_field_replaced_by_odd_values_gives_no_server_fault(string path, string valid)
    {
        var fields = JsonNode.Parse(valid)!.AsObject().Select(p => p.Key).ToList();
        foreach (var field in fields)
        {
            foreach (var odd in OddValues)
            {
                var body = JsonNode.Parse(valid)!.AsObject();
                body[field] = odd();
                await AssertNoFaultAsync(path, body.ToJsonString());
                body.Remove(field);
                await AssertNoFaultAsync(path, body.ToJsonString());
            }
        }
    }

    [Theory]
    [InlineData("/v1/api/query-task-by-id?taskid=")]
    [InlineData("/v1/api/query-task-by-name?name=")]
    [InlineData("/v1/api/query-task-by-name/")]
    [InlineData("/v1/api/crontab/next?crontab=")]
    [InlineData("/v1/api/crontab/next?crontab=@daily&timezone=")]
    [InlineData("/v1/api/crontab/next?crontab=@daily&from=")]
    [InlineData("/v1/api/crontab/next?crontab=@daily&count=")]
    [InlineData("/v1/api/dead-letters?group=")]
    [InlineData("/v1/api/dead-letters?group=g&limit=")]
    [InlineData("/v1/api/dead-letters?group=g&after=")]
    public async Task Odd_query_values_give_no_server_fault(string prefix)
    {
        foreach (var value in new[] { "", "%00", "-1", "99999999999999999999", "253402300800", "a%20b", "%E6%8A%A5", "*", "x%7Cy", "0%200%2030%202%20*" })
        {
            using var response = await fixture.Server.Http.GetAsync(new Uri(prefix.TrimStart('/') + value, UriKind.Relative));
            Assert.True((int)response.StatusCode < 500, $"{prefix}{value} answered {(int)response.StatusCode}");
        }
    }

    private async Task AssertNoFaultAsync(string path, string json)
    {
        var (status, body) = await fixture.Server.Http.PostJsonAsync(path, json);
        Assert.True((int)status < 500, $"{path} {json} answered {(int)status}: {body}");
        if ((int)status >= 400)
        {
            Assert.Equal((int)status, body.GetProperty("err").GetInt32());
            Assert.False(string.IsNullOrEmpty(body.GetProperty("msg").GetString()));
        }
    }
}

public sealed class NoServerFaultTestsOnSqlite(SqliteServerFixture fixture) : NoServerFaultTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class NoServerFaultTestsOnPostgres(PostgresServerFixture fixture) : NoServerFaultTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class NoServerFaultTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : NoServerFaultTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
