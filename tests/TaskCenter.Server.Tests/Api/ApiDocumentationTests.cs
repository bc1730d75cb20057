using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TaskCenter.Server.Tests.Api;

/// <summary>The OpenAPI document and the browsable reference, served by the server itself (no outside address).</summary>
public sealed class ApiDocumentationTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private static readonly string[] Endpoints =
    [
        "/task", "/delete-task", "/delete-task-by-name", "/query-task-by-id", "/query-task-by-name", "/crontab/next",
        "/task/stat", "/consume", "/ack", "/nack", "/dead-letters", "/dead-letters/redrive", "/dead-letters/purge",
    ];

    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task The_document_describes_every_endpoint_once_with_its_request_and_error_shapes()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));
        var root = document.RootElement;
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal("TaskCenter API", root.GetProperty("info").GetProperty("title").GetString());
        Assert.All(Endpoints, path => Assert.Contains("/v1/api" + path, paths));
        Assert.DoesNotContain(paths, path => path.StartsWith("/api/v1", StringComparison.Ordinal));

        var addTask = root.GetProperty("paths").GetProperty("/v1/api/task").GetProperty("post");
        Assert.True(addTask.GetProperty("responses").TryGetProperty("400", out _));
        var schemas = root.GetProperty("components").GetProperty("schemas");
        var fields = schemas.GetProperty("AddTaskRequest").GetProperty("properties").EnumerateObject().Select(p => p.Name);
        Assert.Superset(new HashSet<string> { "name", "type", "data", "crontab", "loop_time", "timezone" }, fields.ToHashSet());
        var query = root.GetProperty("paths").GetProperty("/v1/api/crontab/next").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["crontab", "timezone", "count", "from"], query);
        var byName = root.GetProperty("paths").GetProperty("/v1/api/query-task-by-name").GetProperty("get");
        var headers = byName.GetProperty("responses").GetProperty("200").GetProperty("headers").EnumerateObject().Select(h => h.Name);
        Assert.Equal(["X-Truncated", "Link"], headers);
        Assert.Contains("/v1/api/tasks?name=", byName.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_are_grouped_by_resource_under_readable_tags_listed_in_order_with_descriptions()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));
        var root = document.RootElement;
        string[] tags = ["Tasks", "Task management", "Queue", "Groups", "Dead letters", "Crontab", "Operations"];

        Assert.Equal(tags, root.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.All(root.GetProperty("tags").EnumerateArray(), t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("description").GetString())));
        var tagOf = root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (
                Operation: $"{operation.Name.ToUpperInvariant()} {path.Name}",
                Tag: Assert.Single(operation.Value.GetProperty("tags").EnumerateArray()).GetString())))
            .ToDictionary(o => o.Operation, o => o.Tag);
        Assert.All(tagOf.Values, tag => Assert.Contains(tag, tags));
        // One resource under one tag, whichever class maps it.
        var expected = new Dictionary<string, string?>
        {
            ["POST /v1/api/task"] = "Tasks",
            ["GET /v1/api/query-task-by-name"] = "Tasks",
            ["GET /v1/api/tasks"] = "Task management",
            ["POST /v1/api/tasks/batch"] = "Task management",
            ["POST /v1/api/tasks/{id}/pause"] = "Task management",
            ["GET /v1/api/tasks/{id}/fires"] = "Task management",
            ["POST /v1/api/nack"] = "Queue",
            ["DELETE /v1/api/groups/{group}"] = "Groups",
            ["POST /v1/api/dead-letters/redrive"] = "Dead letters",
            ["GET /v1/api/crontab/next"] = "Crontab",
            ["GET /v1/api/overview"] = "Operations",
            ["GET /v1/api/task/stat"] = "Operations",
        };
        Assert.Equal(expected, expected.Keys.ToDictionary(operation => operation, operation => tagOf[operation]));
    }

    [Fact]
    public async Task Each_operation_has_a_summary_of_a_few_words_and_its_details_in_the_description()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => operation.Value))
            .ToList();

        // The reference lists the summaries in its sidebar: a sentence there wraps to many lines.
        Assert.All(operations, operation => Assert.Matches("^[A-Z][a-z]+( [A-Za-z']+){0,6}$", operation.GetProperty("summary").GetString()));
        var byName = operations.Single(o => o.GetProperty("summary").GetString() == "Get tasks by name");
        Assert.Contains("Link header", byName.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_description_is_markdown_whose_code_shows_as_written()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));

        var description = document.RootElement.GetProperty("info").GetProperty("description").GetString()!;

        Assert.Contains("`Authorization: Bearer <key>`", description, StringComparison.Ordinal);
        // Outside code spans, a "<" would start HTML, which the reference swallows.
        Assert.DoesNotContain('<', Regex.Replace(description, "`[^`]*`", ""));
    }

    [Fact]
    public async Task The_reference_page_and_its_script_come_from_the_server()
    {
        using var page = await Http.GetAsync(new Uri("api-reference/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        using var script = await Http.GetAsync(new Uri("api-reference/scalar.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("src=\"scalar.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"https?://", html);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }
}
