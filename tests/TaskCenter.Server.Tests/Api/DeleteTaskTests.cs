using System.Net;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Api;

public abstract class DeleteTaskTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    private async Task<string> AddAsync(string name, string data) =>
        (await Http.PostJsonAsync("/v1/api/task", Json(new { name, type = 2, data, loop_time = 3600 }))).Body.GetProperty("taskid").GetString()!;

    [Fact]
    public async Task Delete_by_ids_lists_only_the_ids_really_deleted()
    {
        var a = await AddAsync("delete-ids", "a");
        var b = await AddAsync("delete-ids", "b");
        const string unknown = "000000000000000000000001";

        var (status, body) = await Http.PostJsonAsync("/v1/api/delete-task", Json(new { ids = new[] { a, unknown, b } }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([a, b], body.GetProperty("SucIds").EnumerateArray().Select(e => e.GetString()));
        AssertError(await Http.GetJsonAsync("/v1/api/query-task-by-id?taskid=" + a), HttpStatusCode.NotFound, a);

        var again = await Http.PostJsonAsync("/api/v1/delete-task", Json(new { ids = new[] { a } }));
        Assert.Equal(0, again.Body.GetProperty("SucIds").GetArrayLength());
    }

    [Fact]
    public async Task Delete_by_name_deletes_every_task_of_that_name_only()
    {
        var a = await AddAsync("delete-name", "a");
        var b = await AddAsync("delete-name", "b");
        var keep = await AddAsync("delete-name-keep", "a");

        var (status, body) = await Http.PostJsonAsync("/v1/api/delete-task-by-name", Json(new { name = "delete-name" }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new[] { a, b }.Order(), body.GetProperty("SucIds").EnumerateArray().Select(e => e.GetString()!).Order());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/v1/api/query-task-by-id?taskid=" + keep)).Status);
    }

    [Theory]
    [InlineData("/v1/api/delete-task", """{}""", "ids is required")]
    [InlineData("/v1/api/delete-task", """{"ids":"abc"}""", "ids must be an array")]
    [InlineData("/v1/api/delete-task", """{"ids":[1]}""", "ids[0] must be a string")]
    [InlineData("/v1/api/delete-task", """{"ids":["nothex"]}""", "ids[0]")]
    [InlineData("/v1/api/delete-task-by-name", """{}""", "name is required")]
    [InlineData("/v1/api/delete-task-by-name", """{"name":"*"}""", "name")]
    public async Task Bad_deletes_are_a_400(string path, string json, string mentions) =>
        AssertError(await Http.PostJsonAsync(path, json), HttpStatusCode.BadRequest, mentions);
}

public sealed class DeleteTaskTestsOnSqlite(SqliteServerFixture fixture) : DeleteTaskTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class DeleteTaskTestsOnPostgres(PostgresServerFixture fixture) : DeleteTaskTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class DeleteTaskTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : DeleteTaskTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
