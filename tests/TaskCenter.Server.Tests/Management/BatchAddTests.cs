using System.Net;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Management;

/// <summary>POST /tasks/batch: all or nothing.</summary>
public abstract class BatchAddTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task Adds_every_task_and_dedupes_within_the_batch()
    {
        var name = TaskCalls.UniquePrefix("batch");
        var tasks = new object[]
        {
            new { name, type = 2, data = "a", loop_time = 60 },
            new { name, type = 3, data = "b", crontab = "0 9 * * *", timezone = "Europe/Paris" },
            new { name, type = 2, data = "a", loop_time = 60 },
        };

        var (status, body) = await Http.PostJsonAsync("/v1/api/tasks/batch", Json(new { tasks }));

        Assert.Equal(HttpStatusCode.OK, status);
        var added = body.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal([true, true, false], added.Select(t => t.GetProperty("created").GetBoolean()));
        Assert.Equal(added[0].GetProperty("taskid").GetString(), added[2].GetProperty("taskid").GetString());
        var stored = (await Http.GetJsonAsync($"/v1/api/query-task-by-name?name={name}")).Body;
        Assert.Equal(2, stored.GetArrayLength());
        Assert.Equal("Europe/Paris", (await Http.GetTaskAsync(added[1].GetProperty("taskid").GetString()!)).GetProperty("timezone").GetString());
    }

    [Fact]
    public async Task One_bad_task_refuses_the_whole_batch_naming_its_index_and_field()
    {
        var name = TaskCalls.UniquePrefix("batch-bad");
        var tasks = new object[]
        {
            new { name, type = 2, data = "a", loop_time = 60 },
            new { name, type = 1, data = "b" },
            new { name, type = 3, data = "c", crontab = "not a crontab" },
        };

        AssertError(await Http.PostJsonAsync("/v1/api/tasks/batch", Json(new { tasks })), HttpStatusCode.BadRequest, "tasks[2].crontab");

        Assert.Equal(0, (await Http.GetJsonAsync($"/v1/api/query-task-by-name?name={name}")).Body.GetArrayLength());
    }

    [Theory]
    [InlineData("""{}""", "tasks is required")]
    [InlineData("""{"tasks":[]}""", "1 to 1000")]
    [InlineData("""{"tasks":{"name":"x"}}""", "tasks must be an array")]
    [InlineData("""{"tasks":[1]}""", "tasks[0] must be an object")]
    [InlineData("""{"tasks":[{"name":"x","type":"2"}]}""", "tasks[0].type must be an integer")]
    public async Task Malformed_batches_are_a_400(string json, string mentions) =>
        AssertError(await Http.PostJsonAsync("/v1/api/tasks/batch", json), HttpStatusCode.BadRequest, mentions);

    [Fact]
    public async Task More_than_a_thousand_tasks_are_refused()
    {
        var tasks = Enumerable.Range(0, 1001).Select(i => new { name = "batch-many", type = 1, data = $"{i}" });

        AssertError(await Http.PostJsonAsync("/v1/api/tasks/batch", Json(new { tasks })), HttpStatusCode.BadRequest, "1001 tasks");
    }
}

public sealed class BatchAddTestsOnSqlite(SqliteServerFixture fixture) : BatchAddTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class BatchAddTestsOnPostgres(PostgresServerFixture fixture) : BatchAddTests(fixture), IClassFixture<PostgresServerFixture>;
