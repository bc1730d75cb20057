using System.Net;
using System.Text.Json;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Api;

public abstract class AddTaskTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    private static long In(int seconds) => DateTimeOffset.UtcNow.ToUnixTimeSeconds() + seconds;

    [Theory]
    [InlineData("/v1/api/task")]
    [InlineData("/api/v1/task")]
    public async Task Add_answers_taskid_and_name_on_both_paths(string path)
    {
        var name = "add-" + Guid.NewGuid().ToString("N")[..8];
        var (status, body) = await Http.PostJsonAsync(path, Json(new { name, type = 1, data = "x", start_time = In(3600) }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches("^[0-9a-f]{24}$", body.GetProperty("taskid").GetString());
        Assert.Equal(name, body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Same_name_and_data_as_a_live_task_returns_that_task()
    {
        var task = new { name = "dedupe-live", type = 2, data = "same", loop_time = 60, start_time = In(3600) };
        var first = await Http.PostJsonAsync("/v1/api/task", Json(task));
        var second = await Http.PostJsonAsync("/v1/api/task", Json(task));
        var other = await Http.PostJsonAsync("/v1/api/task", Json(task with { data = "different" }));

        Assert.Equal(first.Body.GetProperty("taskid").GetString(), second.Body.GetProperty("taskid").GetString());
        Assert.NotEqual(first.Body.GetProperty("taskid").GetString(), other.Body.GetProperty("taskid").GetString());
    }

    [Fact]
    public async Task Same_name_and_data_after_the_earlier_task_was_deleted_makes_a_new_task()
    {
        var task = Json(new { name = "dedupe-deleted", type = 1, data = "same", start_time = In(3600) });
        var first = (await Http.PostJsonAsync("/v1/api/task", task)).Body.GetProperty("taskid").GetString();
        await Http.PostJsonAsync("/v1/api/delete-task", Json(new { ids = new[] { first } }));

        var second = (await Http.PostJsonAsync("/v1/api/task", task)).Body.GetProperty("taskid").GetString();

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("""{"type":1,"data":"x"}""", "name")]
    [InlineData("""{"name":"a b","type":1,"data":"x"}""", "name")]
    [InlineData("""{"name":"a|b","type":1,"data":"x"}""", "name")]
    [InlineData("""{"name":"n","data":"x"}""", "type")]
    [InlineData("""{"name":"n","type":4,"data":"x"}""", "type")]
    [InlineData("""{"name":"n","type":"1","data":"x"}""", "type must be an integer")]
    [InlineData("""{"name":"n","type":1.5,"data":"x"}""", "type must be an integer")]
    [InlineData("""{"name":"n","type":1}""", "data")]
    [InlineData("""{"name":"n","type":1,"data":{"a":1}}""", "data must be a string")]
    [InlineData("""{"name":42,"type":1,"data":"x"}""", "name must be a string")]
    [InlineData("""{"name":"n","type":2,"data":"x"}""", "loop_time")]
    [InlineData("""{"name":"n","type":2,"data":"x","loop_time":0}""", "loop_time")]
    [InlineData("""{"name":"n","type":3,"data":"x"}""", "crontab")]
    [InlineData("""{"name":"n","type":3,"data":"x","crontab":"* * *"}""", "crontab")]
    [InlineData("""{"name":"n","type":3,"data":"x","crontab":"0 0 30 2 *"}""", "crontab never fires")]
    [InlineData("""{"name":"n","type":1,"data":"x","end_time":1000}""", "end_time is in the past")]
    [InlineData("""{"name":"n","type":1,"data":"x","loop_count":-1}""", "loop_count")]
    [InlineData("""{"name":"n","type":1,"data":"x","ack":"yes"}""", "ack must be true or false")]
    [InlineData("""{"name":"n","type":3,"data":"x","crontab":"0 9 * * *","timezone":"Mars/Olympus"}""", "timezone")]
    [InlineData("""[1,2]""", "JSON object")]
    [InlineData("""{"name":""", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public async Task Bad_input_is_a_400_naming_the_field(string json, string mentions) =>
        AssertError(await Http.PostJsonAsync("/v1/api/task", json), HttpStatusCode.BadRequest, mentions);

    [Fact]
    public async Task End_time_not_after_start_time_is_a_400()
    {
        var start = In(3600);
        AssertError(await Http.PostJsonAsync("/v1/api/task", Json(new { name = "n", type = 1, data = "x", start_time = start, end_time = start })),
            HttpStatusCode.BadRequest, "end_time must be after start_time");
    }

    [Fact]
    public async Task Data_over_the_limit_is_a_413()
    {
        var data = new string('x', (1024 * 1024) + 1);
        AssertError(await Http.PostJsonAsync("/v1/api/task", Json(new { name = "big", type = 1, data })), HttpStatusCode.RequestEntityTooLarge, "data");
    }

    [Fact]
    public async Task A_body_far_over_the_limit_is_a_413_before_it_is_sent()
    {
        // As curl does for large bodies: the server refuses on the headers, the body is never sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/api/task", UriKind.Relative))
        {
            Content = new StringContent(Json(new { name = "huge", type = 1, data = new string('x', 8 * 1024 * 1024) }), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        using var response = await Http.SendAsync(request);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        AssertError((response.StatusCode, body), HttpStatusCode.RequestEntityTooLarge, "larger");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        AssertError(await Http.PostJsonAsync("/v1/api/task", "name=n&type=1", "application/x-www-form-urlencoded"),
            HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Fact]
    public async Task Wrong_method_is_a_405_with_the_error_shape() =>
        AssertError(await Http.GetJsonAsync("/v1/api/task"), HttpStatusCode.MethodNotAllowed, "GET");

    [Fact]
    public async Task Unknown_path_is_a_404_with_the_error_shape() =>
        AssertError(await Http.GetJsonAsync("/v1/api/nothing-here"), HttpStatusCode.NotFound, "/v1/api/nothing-here");

    [Fact]
    public async Task A_refused_task_is_not_stored()
    {
        var name = "refused-" + Guid.NewGuid().ToString("N")[..8];
        await Http.PostJsonAsync("/v1/api/task", Json(new { name, type = 2, data = "x", loop_time = -5 }));

        var (status, body) = await Http.GetJsonAsync($"/v1/api/query-task-by-name?name={name}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        Assert.Equal(0, body.GetArrayLength());
    }
}

public sealed class AddTaskTestsOnSqlite(SqliteServerFixture fixture) : AddTaskTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class AddTaskTestsOnPostgres(PostgresServerFixture fixture) : AddTaskTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class AddTaskTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : AddTaskTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
