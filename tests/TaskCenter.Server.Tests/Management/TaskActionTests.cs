using System.Net;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Management;

/// <summary>Pause, resume, update, trigger and delete of one task, and its upcoming fires.</summary>
public abstract class TaskActionTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task Pause_stops_the_schedule_and_resume_starts_it_again_idempotently()
    {
        var start = TaskCalls.Now + 3600;
        var id = await Http.AddAsync(new { name = "act-pause", type = 2, data = "p", loop_time = 60, start_time = start });

        var paused = await Http.ActAsync(id, "pause");
        Assert.Equal("paused", paused.State());
        Assert.Null(paused.NextFireMs());
        Assert.Equal("paused", (await Http.ActAsync(id, "pause")).State());
        Assert.Equal("paused", (await Http.GetTaskAsync(id)).State());
        Assert.Empty((await Http.GetJsonAsync($"/v1/api/tasks/{id}/next")).Body.GetProperty("times_ms").EnumerateArray());

        var resumed = await Http.ActAsync(id, "resume");
        Assert.Equal("pending", resumed.State());
        Assert.Equal(start * 1000, resumed.NextFireMs());
        Assert.Equal("pending", (await Http.ActAsync(id, "resume")).State());
    }

    [Fact]
    public async Task A_resumed_cron_task_fires_at_its_next_time_after_now()
    {
        var id = await Http.AddAsync(new { name = "act-resume-cron", type = 3, data = "c", crontab = "0 0 1 1 *", timezone = "Asia/Tokyo" });
        await Http.ActAsync(id, "pause");

        var resumed = await Http.ActAsync(id, "resume");

        var expected = (await Http.GetJsonAsync("/v1/api/crontab/next?crontab=0%200%201%201%20*&timezone=Asia/Tokyo&count=1"))
            .Body.GetProperty("times")[0].GetInt64();
        Assert.Equal(expected * 1000, resumed.NextFireMs());
    }

    [Fact]
    public async Task Update_changes_the_fields_given_and_recomputes_the_next_fire_when_the_schedule_moves()
    {
        var id = await Http.AddAsync(new { name = "act-update", type = 2, data = "old", loop_time = 60, start_time = TaskCalls.Now + 3600 });
        var before = await Http.GetTaskAsync(id);

        var (status, dataOnly) = await Http.PatchJsonAsync($"/v1/api/tasks/{id}", Json(new { data = "new", max_runtime = 30 }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("new", dataOnly.GetProperty("data").GetString());
        Assert.Equal(30, dataOnly.GetProperty("max_runtime").GetInt64());
        Assert.Equal(before.NextFireMs(), dataOnly.NextFireMs());

        var newStart = TaskCalls.Now + 7200;
        var (_, moved) = await Http.PatchJsonAsync($"/api/v1/tasks/{id}", Json(new { start_time = newStart, loop_time = 120, loop_count = 5 }));
        Assert.Equal(newStart * 1000, moved.NextFireMs());
        Assert.Equal(120, moved.GetProperty("loop_time").GetInt64());
        Assert.Equal("new", moved.GetProperty("data").GetString());

        var next = (await Http.GetJsonAsync($"/v1/api/tasks/{id}/next?count=10")).Body.GetProperty("times_ms").EnumerateArray().Select(t => t.GetInt64());
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (newStart + (i * 120L)) * 1000), next);
    }

    [Fact]
    public async Task Update_of_a_paused_task_keeps_it_paused()
    {
        var id = await Http.AddAsync(new { name = "act-update-paused", type = 3, data = "d", crontab = "0 9 * * *" });
        await Http.ActAsync(id, "pause");

        var (status, updated) = await Http.PatchJsonAsync($"/v1/api/tasks/{id}", Json(new { crontab = "0 10 * * *" }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("paused", updated.State());
        Assert.Equal("0 10 * * *", updated.GetProperty("crontab").GetString());
        Assert.Null(updated.NextFireMs());
    }

    [Theory]
    [InlineData("""{"crontab":"61 * * * *"}""", "crontab")]
    [InlineData("""{"name":"other"}""", "name cannot be changed")]
    [InlineData("""{"type":2}""", "type cannot be changed")]
    [InlineData("""{"loop_count":-1}""", "loop_count must not be negative")]
    [InlineData("""{"timezone":"Mars/Olympus"}""", "timezone")]
    [InlineData("""{"end_time":1000}""", "end_time is in the past")]
    [InlineData("""{"data":5}""", "data must be a string")]
    [InlineData("""[1]""", "JSON object")]
    public async Task A_bad_update_is_a_400_naming_the_field_and_changes_nothing(string json, string mentions)
    {
        var id = await Http.AddAsync(new { name = "act-bad-update", type = 3, data = Guid.NewGuid().ToString(), crontab = "0 9 * * *" });
        var before = await Http.GetTaskAsync(id);

        AssertError(await Http.PatchJsonAsync($"/v1/api/tasks/{id}", json), HttpStatusCode.BadRequest, mentions);

        Assert.Equal(before.ToString(), (await Http.GetTaskAsync(id)).ToString());
    }

    [Fact]
    public async Task Loop_count_below_the_fires_so_far_is_refused()
    {
        var id = await Http.AddAsync(new { name = "act-loop-count", type = 2, data = "l", loop_time = 3600 });
        var fired = await Waiting.PollAsync(() => Http.GetTaskAsync(id), task => task.GetProperty("fired_count").GetInt64() == 1);

        AssertError(
            await Http.PatchJsonAsync($"/v1/api/tasks/{id}", Json(new { loop_count = 1 })),
            HttpStatusCode.BadRequest,
            "loop_count must be more than the 1 fires so far");
        Assert.Equal(fired.NextFireMs(), (await Http.GetTaskAsync(id)).NextFireMs());
    }

    [Fact]
    public async Task A_finished_task_cannot_be_paused_or_resumed_but_can_be_triggered()
    {
        var id = await Http.AddAsync(new { name = "act-finished", type = 1, data = "once" });
        await Waiting.PollAsync(() => Http.GetTaskAsync(id), task => task.State() == "finished");

        AssertError(await Http.PostJsonAsync($"/v1/api/tasks/{id}/pause", "{}"), HttpStatusCode.Conflict, "finished");
        AssertError(await Http.PostJsonAsync($"/v1/api/tasks/{id}/resume", "{}"), HttpStatusCode.Conflict, "finished");
        var trigger = await Http.ActAsync(id, "trigger");

        Assert.Equal(id, trigger.GetProperty("taskid").GetString());
        var task = await Http.GetTaskAsync(id);
        Assert.Equal("finished", task.State());
        Assert.Equal(1, task.GetProperty("fired_count").GetInt64());
    }

    [Fact]
    public async Task Trigger_records_a_fire_now_and_leaves_the_schedule_alone()
    {
        var id = await Http.AddAsync(new { name = "act-trigger", type = 2, data = "t", loop_time = 60, start_time = TaskCalls.Now + 3600 });
        var before = await Http.GetTaskAsync(id);
        var asked = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var fire = await Http.ActAsync(id, "trigger");

        Assert.Equal(24, fire.GetProperty("msgid").GetString()!.Length);
        Assert.InRange(fire.GetProperty("fire_time_ms").GetInt64(), asked - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
        var after = await Http.GetTaskAsync(id);
        Assert.Equal(before.NextFireMs(), after.NextFireMs());
        Assert.Equal(before.State(), after.State());
        Assert.Equal(0, after.GetProperty("fired_count").GetInt64());
        var history = (await Http.GetJsonAsync($"/v1/api/tasks/{id}/fires")).Body.GetProperty("fires");
        Assert.Equal(fire.GetProperty("msgid").GetString(), Assert.Single(history.EnumerateArray()).GetProperty("msgid").GetString());
    }

    [Fact]
    public async Task Delete_by_path_removes_the_task_then_404s()
    {
        var id = await Http.AddAsync(new { name = "act-delete", type = 2, data = "d", loop_time = 60 });

        var (status, body) = await Http.DeleteJsonAsync($"/v1/api/tasks/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, body.GetProperty("SucIds")[0].GetString());
        AssertError(await Http.DeleteJsonAsync($"/v1/api/tasks/{id}"), HttpStatusCode.NotFound, id);
        AssertError(await Http.GetJsonAsync($"/v1/api/tasks/{id}"), HttpStatusCode.NotFound, id);
    }

    [Fact]
    public async Task Next_fires_follow_the_crontab_in_the_tasks_zone_within_its_limits()
    {
        var id = await Http.AddAsync(new { name = "act-next", type = 3, data = "n", crontab = "30 8 * * 1-5", timezone = "Europe/Berlin", loop_count = 3 });

        var (status, body) = await Http.GetJsonAsync($"/v1/api/tasks/{id}/next");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Europe/Berlin", body.GetProperty("timezone").GetString());
        var expected = (await Http.GetJsonAsync("/v1/api/crontab/next?crontab=30%208%20*%20*%201-5&timezone=Europe/Berlin&count=3"))
            .Body.GetProperty("times").EnumerateArray().Select(t => t.GetInt64() * 1000);
        Assert.Equal(expected, body.GetProperty("times_ms").EnumerateArray().Select(t => t.GetInt64()));
    }

    [Fact]
    public async Task Next_fires_name_the_zone_of_a_cron_tz_prefix_over_the_tasks_zone()
    {
        var id = await Http.AddAsync(new { name = "act-next-prefix", type = 3, data = "n", crontab = "CRON_TZ=Asia/Tokyo 0 9 * * *", timezone = "Europe/Berlin" });

        var (_, body) = await Http.GetJsonAsync($"/v1/api/tasks/{id}/next?count=2");

        Assert.Equal("Asia/Tokyo", body.GetProperty("timezone").GetString());
        Assert.All(body.GetProperty("times_ms").EnumerateArray(), t => Assert.Equal(0, DateTimeOffset.FromUnixTimeMilliseconds(t.GetInt64()).UtcDateTime.Hour));
    }

    [Theory]
    [InlineData("GET", "/v1/api/tasks/nothex", HttpStatusCode.BadRequest, "taskid is not a task id")]
    [InlineData("GET", "/v1/api/tasks/000000000000000000000001", HttpStatusCode.NotFound, "no task")]
    [InlineData("POST", "/v1/api/tasks/000000000000000000000001/pause", HttpStatusCode.NotFound, "no task")]
    [InlineData("POST", "/v1/api/tasks/000000000000000000000001/resume", HttpStatusCode.NotFound, "no task")]
    [InlineData("POST", "/v1/api/tasks/000000000000000000000001/trigger", HttpStatusCode.NotFound, "no task")]
    [InlineData("GET", "/v1/api/tasks/000000000000000000000001/next", HttpStatusCode.NotFound, "no task")]
    [InlineData("GET", "/v1/api/tasks/000000000000000000000001/fires", HttpStatusCode.NotFound, "no task")]
    [InlineData("PATCH", "/v1/api/tasks/000000000000000000000001", HttpStatusCode.NotFound, "no task")]
    [InlineData("PATCH", "/v1/api/tasks/xyz", HttpStatusCode.BadRequest, "taskid")]
    public async Task Unknown_or_malformed_ids_are_named(string method, string path, HttpStatusCode status, string mentions)
    {
        var response = method switch
        {
            "GET" => await Http.GetJsonAsync(path),
            "PATCH" => await Http.PatchJsonAsync(path, """{"data":"x"}"""),
            _ => await Http.PostJsonAsync(path, "{}"),
        };

        AssertError(response, status, mentions);
    }

    [Fact]
    public async Task Bad_query_values_are_a_400()
    {
        var id = await Http.AddAsync(new { name = "act-queries", type = 2, data = "q", loop_time = 60 });

        AssertError(await Http.GetJsonAsync($"/v1/api/tasks/{id}/next?count=0"), HttpStatusCode.BadRequest, "count");
        AssertError(await Http.GetJsonAsync($"/v1/api/tasks/{id}/fires?limit=501"), HttpStatusCode.BadRequest, "limit");
        AssertError(await Http.GetJsonAsync($"/v1/api/tasks/{id}/fires?before=-5"), HttpStatusCode.BadRequest, "before");
    }
}

public sealed class TaskActionTestsOnSqlite(SqliteServerFixture fixture) : TaskActionTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TaskActionTestsOnPostgres(PostgresServerFixture fixture) : TaskActionTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class TaskActionTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : TaskActionTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
