using System.Net;
using System.Text.Json;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Management;

/// <summary>GET /tasks: name order, filters, cursor paging.</summary>
public abstract class TaskListTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task Lists_by_name_prefix_in_name_order_and_filters_by_type_and_state()
    {
        var prefix = TaskCalls.UniquePrefix("list");
        var later = TaskCalls.Now + 3600;
        var c = await Http.AddAsync(new { name = prefix + "c", type = 3, data = "1", crontab = "0 9 * * *" });
        var a = await Http.AddAsync(new { name = prefix + "a", type = 2, data = "2", loop_time = 60, start_time = later });
        var b = await Http.AddAsync(new { name = prefix + "b", type = 2, data = "3", loop_time = 60, start_time = later });
        await Http.AddAsync(new { name = prefix[..^1] + "x", type = 2, data = "4", loop_time = 60, start_time = later });
        await Http.ActAsync(b, "pause");

        Assert.Equal([a, b, c], await IdsAsync($"name_prefix={prefix}"));
        Assert.Equal([a, b], await IdsAsync($"name_prefix={prefix}&type=2"));
        Assert.Equal([b], await IdsAsync($"name_prefix={prefix}&state=paused"));
        Assert.Equal([c], await IdsAsync($"name_prefix={prefix}&type=3&state=pending"));
        Assert.Empty(await IdsAsync($"name_prefix={prefix}&state=finished"));
    }

    [Fact]
    public async Task Pages_through_every_task_once_even_when_the_last_of_a_page_is_deleted()
    {
        var prefix = TaskCalls.UniquePrefix("page");
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await Http.AddAsync(new { name = $"{prefix}{i % 3}", type = 2, data = $"{i}", loop_time = 60, start_time = TaskCalls.Now + 3600 }));
        }

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var (status, body) = await Http.GetJsonAsync($"/v1/api/tasks?name_prefix={prefix}&limit=2" + (after is null ? "" : $"&after={after}"));
            Assert.Equal(HttpStatusCode.OK, status);
            var page = body.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("_id").GetString()!).ToList();
            seen.AddRange(page);
            after = body.GetProperty("next").ValueKind == JsonValueKind.Null ? null : body.GetProperty("next").GetString();
            if (pages++ == 0)
            {
                await Http.DeleteJsonAsync($"/v1/api/tasks/{page[^1]}"); // The cursor still continues after it.
                ids.Remove(page[^1]);
            }
        }
        while (after is not null);

        Assert.Equal(ids.Order(), seen.Distinct().Where(ids.Contains).Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(7, seen.Count);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("type=4", "type")]
    [InlineData("state=sleeping", "state")]
    [InlineData("after=not-a-cursor", "after")]
    public async Task Bad_filters_are_a_400(string query, string mentions) =>
        AssertError(await Http.GetJsonAsync("/v1/api/tasks?" + query), HttpStatusCode.BadRequest, mentions);

    private async Task<List<string>> IdsAsync(string query)
    {
        var (status, body) = await Http.GetJsonAsync("/v1/api/tasks?" + query);
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("_id").GetString()!)];
    }
}

public sealed class TaskListTestsOnSqlite(SqliteServerFixture fixture) : TaskListTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TaskListTestsOnPostgres(PostgresServerFixture fixture) : TaskListTests(fixture), IClassFixture<PostgresServerFixture>;
