using System.Net;
using System.Text.Json;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Management;

/// <summary>
/// Reads of tasks within the answer's byte budget (Limits:MaxResponseBytes, small here): list pages end before the task
/// that would go over it and paging goes on; query-task-by-name answers the newest tasks that fit and links to the rest.
/// </summary>
public abstract class BoundedReadTests(BoundedReadFixture fixture)
{
    private const int TaskBytes = 3000; // three fit the budget, four do not

    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task A_page_of_the_list_ends_at_the_byte_budget_and_the_next_pages_bring_the_rest()
    {
        var prefix = TaskCalls.UniquePrefix("budget");
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await Http.AddAsync(Later(prefix + i, Data(i, TaskBytes))));
        }

        var (status, first) = await Http.GetJsonAsync($"/v1/api/tasks?name_prefix={prefix}&limit=500");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ids.Take(3), Ids(first));
        Assert.Equal(ids, await AllPagesAsync($"/v1/api/tasks?name_prefix={prefix}&limit=500"));
    }

    [Fact]
    public async Task A_task_larger_than_the_budget_comes_back_alone_and_whole()
    {
        var prefix = TaskCalls.UniquePrefix("large");
        var small = await Http.AddAsync(Later(prefix + "a", Data(0, 10)));
        var large = await Http.AddAsync(Later(prefix + "b", Data(1, 4 * BoundedReadFixture.Budget)));
        var after = await Http.AddAsync(Later(prefix + "c", Data(2, 10)));

        var pages = await PagesAsync($"/v1/api/tasks?name_prefix={prefix}");

        Assert.Equal([[small], [large], [after]], pages.Select(Ids));
        Assert.Equal(4 * BoundedReadFixture.Budget, pages[1].GetProperty("tasks")[0].GetProperty("data").GetString()!.Length);
        Assert.Equal(4 * BoundedReadFixture.Budget, (await Http.GetTaskAsync(large)).GetProperty("data").GetString()!.Length);
        var (status, byId) = await Http.GetJsonAsync($"/v1/api/query-task-by-id?taskid={large}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4 * BoundedReadFixture.Budget, byId.GetProperty("data").GetString()!.Length);
    }

    [Theory]
    [InlineData("/v1/api/query-task-by-name?name={0}", "/v1/api/tasks?name={0}")]
    [InlineData("/v1/api/query-task-by-name/{0}", "/v1/api/tasks?name={0}")]
    [InlineData("/api/v1/query-task-by-name?name={0}", "/api/v1/tasks?name={0}")]
    public async Task Query_by_name_answers_the_newest_tasks_that_fit_and_links_to_all_of_them(string query, string rest)
    {
        var name = TaskCalls.UniquePrefix("newest") + "n";
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Http.AddAsync(Later(name, Data(i, TaskBytes))));
        }

        using var response = await Http.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, query, name).TrimStart('/'), UriKind.Relative));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Enumerable.Reverse(ids).Take(3), answer.RootElement.EnumerateArray().Select(t => t.GetProperty("_id").GetString()!));
        Assert.Equal(["true"], response.Headers.GetValues("X-Truncated"));
        var link = Assert.Single(response.Headers.GetValues("Link"));
        var target = string.Format(System.Globalization.CultureInfo.InvariantCulture, rest, name);
        Assert.Equal($"<{target}>; rel=\"next\"", link);
        Assert.Equal(ids, await AllPagesAsync(target));
    }

    [Fact]
    public async Task Query_by_name_answers_at_most_a_hundred_tasks_and_says_when_it_left_some_out()
    {
        var name = TaskCalls.UniquePrefix("hundred") + "n";
        var tasks = Enumerable.Range(0, 101).Select(i => new { name, type = 1, data = $"{i}", start_time = TaskCalls.Now + 3600 }).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await Http.PostJsonAsync("/v1/api/tasks/batch", Json(new { tasks }))).Status);

        using var capped = await Http.GetAsync(new Uri($"v1/api/query-task-by-name?name={name}", UriKind.Relative));
        using var answer = JsonDocument.Parse(await capped.Content.ReadAsStringAsync());
        await Http.DeleteJsonAsync($"/v1/api/tasks/{answer.RootElement[99].GetProperty("_id").GetString()}");
        using var whole = await Http.GetAsync(new Uri($"v1/api/query-task-by-name?name={name}", UriKind.Relative));

        Assert.Equal(100, answer.RootElement.GetArrayLength());
        Assert.True(capped.Headers.Contains("X-Truncated"));
        Assert.Equal(100, JsonDocument.Parse(await whole.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
        Assert.False(whole.Headers.Contains("X-Truncated"));
        Assert.False(whole.Headers.Contains("Link"));
    }

    [Fact]
    public async Task The_name_filter_lists_exactly_that_name()
    {
        var name = TaskCalls.UniquePrefix("exact") + "n";
        var mine = await Http.AddAsync(Later(name, "1"));
        await Http.AddAsync(Later(name + ".x", "2"));
        await Http.AddAsync(Later(name + "2", "3"));
        var second = await Http.AddAsync(Later(name, "4"));

        Assert.Equal([mine, second], await AllPagesAsync($"/v1/api/tasks?name={name}&limit=1"));
        AssertError(await Http.GetJsonAsync("/v1/api/tasks?name=a%20b"), HttpStatusCode.BadRequest, "name");
    }

    private static object Later(string name, string data) => new { name, type = 1, data, start_time = TaskCalls.Now + 3600 };

    /// <summary>Data of exactly this many bytes, distinct per index (equal data would be deduplicated).</summary>
    private static string Data(int index, int bytes) => index.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + new string('x', bytes - 4);

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("_id").GetString()!)];

    /// <summary>Every page from the path on, following next; asserts each page is within the budget or a single task.</summary>
    private async Task<List<JsonElement>> PagesAsync(string path)
    {
        var pages = new List<JsonElement>();
        for (string? after = null; pages.Count == 0 || after is not null;)
        {
            var (status, page) = await Http.GetJsonAsync(path + (after is null ? "" : $"&after={after}"));
            Assert.Equal(HttpStatusCode.OK, status);
            var tasks = page.GetProperty("tasks").EnumerateArray().ToList();
            Assert.True(tasks.Count == 1 || tasks.Sum(t => t.GetProperty("data").GetString()!.Length) <= BoundedReadFixture.Budget);
            pages.Add(page);
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }

        return pages;
    }

    private async Task<List<string>> AllPagesAsync(string path) => [.. (await PagesAsync(path)).SelectMany(Ids)];
}

/// <summary>A server whose answers may carry <see cref="Budget"/> bytes of task data.</summary>
public abstract class BoundedReadFixture(TestBackend backend)
    : ServerFixture(backend, new Dictionary<string, string?> { ["Limits:MaxResponseBytes"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture) })
{
    public const int Budget = 10_000;
}

public sealed class SqliteBoundedReadFixture() : BoundedReadFixture(TestBackend.Sqlite);

public sealed class PostgresBoundedReadFixture() : BoundedReadFixture(TestBackend.Postgres);

public sealed class BoundedReadTestsOnSqlite(SqliteBoundedReadFixture fixture) : BoundedReadTests(fixture), IClassFixture<SqliteBoundedReadFixture>;

public sealed class BoundedReadTestsOnPostgres(PostgresBoundedReadFixture fixture) : BoundedReadTests(fixture), IClassFixture<PostgresBoundedReadFixture>;
