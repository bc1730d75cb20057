using System.Net;
using System.Text.Json;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Api;

public abstract class QueryTaskTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    private async Task<string> AddAsync(object task) =>
        (await Http.PostJsonAsync("/v1/api/task", Json(task))).Body.GetProperty("taskid").GetString()!;

    [Fact]
    public async Task A_task_carries_the_seed_fields_and_its_state()
    {
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 86400;
        var id = await AddAsync(new
        {
            name = "query-shape", type = 3, data = "{\"k\":1}", crontab = "30 9 * * *", loop_count = 3,
            start_time = start, end_time = start + (10 * 86400), max_runtime = 90, ack = true, timezone = "Europe/Berlin",
        });

        foreach (var path in new[] { "/v1/api/query-task-by-id?taskid=", "/api/v1/query-task-by-id?taskid=" })
        {
            var (status, task) = await Http.GetJsonAsync(path + id);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(id, task.GetProperty("_id").GetString());
            Assert.Equal("query-shape", task.GetProperty("name").GetString());
            Assert.Equal(3, task.GetProperty("type").GetInt32());
            Assert.Equal("{\"k\":1}", task.GetProperty("data").GetString());
            Assert.Equal("30 9 * * *", task.GetProperty("crontab").GetString());
            Assert.Equal(0, task.GetProperty("loop_time").GetInt64());
            Assert.Equal(3, task.GetProperty("loop_count").GetInt64());
            Assert.Equal(start, task.GetProperty("start_time").GetInt64());
            Assert.Equal(start + (10 * 86400), task.GetProperty("end_time").GetInt64());
            Assert.InRange(task.GetProperty("created_at").GetInt64(), start - 86400 - 60, start - 86400 + 1);
            Assert.Equal("Europe/Berlin", task.GetProperty("timezone").GetString());
            Assert.Equal(90, task.GetProperty("max_runtime").GetInt64());
            Assert.True(task.GetProperty("ack").GetBoolean());
            Assert.Equal("pending", task.GetProperty("state").GetString());
            Assert.Equal(0, task.GetProperty("fired_count").GetInt64());

            // 09:30 in Berlin on the first day at or after start.
            var next = DateTimeOffset.FromUnixTimeSeconds(task.GetProperty("next_fire_at").GetInt64());
            var berlin = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
            Assert.Equal((9, 30, 0), (berlin.Hour, berlin.Minute, berlin.Second));
            Assert.InRange(next.ToUnixTimeSeconds(), start, start + 86400);
        }
    }

    [Fact]
    public async Task Unset_times_are_zero_as_the_original_sent_them()
    {
        var id = await AddAsync(new { name = "query-zero", type = 2, data = "x", loop_time = 3600 });
        var (_, task) = await Http.GetJsonAsync("/v1/api/query-task-by-id?taskid=" + id);

        Assert.Equal(0, task.GetProperty("start_time").GetInt64());
        Assert.Equal(0, task.GetProperty("end_time").GetInt64());
        Assert.Equal("", task.GetProperty("crontab").GetString());
        Assert.Equal("UTC", task.GetProperty("timezone").GetString());
    }

    [Fact]
    public async Task Query_by_name_returns_every_task_of_that_name_newest_first_in_both_forms()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await AddAsync(new { name = "query-list", type = 2, data = $"d{i}", loop_time = 3600 }));
        }

        await AddAsync(new { name = "query-list-other", type = 2, data = "d", loop_time = 3600 });
        ids.Reverse();

        foreach (var path in new[] { "/v1/api/query-task-by-name?name=query-list", "/v1/api/query-task-by-name/query-list", "/api/v1/query-task-by-name?name=query-list" })
        {
            var (status, body) = await Http.GetJsonAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(ids, body.EnumerateArray().Select(t => t.GetProperty("_id").GetString()!));
        }
    }

    [Fact]
    public async Task Unknown_name_is_an_empty_array()
    {
        var (status, body) = await Http.GetJsonAsync("/v1/api/query-task-by-name?name=never-added");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        Assert.Equal(0, body.GetArrayLength());
    }

    [Fact]
    public async Task Unknown_id_is_a_404() =>
        AssertError(await Http.GetJsonAsync("/v1/api/query-task-by-id?taskid=000000000000000000000000"), HttpStatusCode.NotFound, "000000000000000000000000");

    [Theory]
    [InlineData("/v1/api/query-task-by-id", "taskid is required")]
    [InlineData("/v1/api/query-task-by-id?taskid=xyz", "taskid")]
    [InlineData("/v1/api/query-task-by-name", "name is required")]
    [InlineData("/v1/api/query-task-by-name?name=a%20b", "name")]
    public async Task Bad_query_parameters_are_a_400(string path, string mentions) =>
        AssertError(await Http.GetJsonAsync(path), HttpStatusCode.BadRequest, mentions);

    [Fact]
    public async Task Data_goes_back_on_the_wire_as_sent_without_needless_escapes()
    {
        var id = await AddAsync(new { name = "query-raw", type = 2, data = "{\"k\":\"报表 it's <b>\"}", loop_time = 3600 });

        var raw = await Http.GetStringAsync(new Uri("v1/api/query-task-by-id?taskid=" + id, UriKind.Relative));

        Assert.Contains("\"data\":\"{\\\"k\\\":\\\"报表 it's <b>\\\"}\"", raw, StringComparison.Ordinal);
    }
}

public sealed class QueryTaskTestsOnSqlite(SqliteServerFixture fixture) : QueryTaskTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class QueryTaskTestsOnPostgres(PostgresServerFixture fixture) : QueryTaskTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class QueryTaskTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : QueryTaskTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
