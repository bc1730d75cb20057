using System.Net;
using System.Text.Json;
using TaskCenter.Server.Tests.Management;
using static TaskCenter.Server.Tests.Security.ScopedKeysFixture;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Security;

/// <summary>Keys scoped to task names: each team adds, reads, changes and deletes its own tasks only.</summary>
public abstract class ScopedKeyTaskTests(ScopedKeysFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task A_key_adds_tasks_within_its_names_and_is_refused_with_403_naming_its_scope_outside_them()
    {
        var suffix = Unique();

        var inside = await Http.SendAsync("POST", "/v1/api/task", Task($"billing.invoice{suffix}"), BillingProducer);
        var outside = await Http.SendAsync("POST", "/v1/api/task", Task($"shipping.label{suffix}"), BillingProducer);

        Assert.Equal(HttpStatusCode.OK, inside.Status);
        AssertError(outside.AsTuple(), HttpStatusCode.Forbidden,
            $"name 'shipping.label{suffix}' is outside the task names the API key 'billing' may use (billing.*)");
        var stored = await Http.SendAsync("GET", $"/v1/api/query-task-by-name?name=shipping.label{suffix}", null, Admin);
        Assert.Equal(0, stored.Body.GetArrayLength());
    }

    [Fact]
    public async Task An_invalid_name_is_still_a_400_that_says_what_is_wrong_with_it()
    {
        var response = await Http.SendAsync("POST", "/v1/api/task", Task("billing invoice"), BillingProducer);

        AssertError(response.AsTuple(), HttpStatusCode.BadRequest, "name may only hold");
    }

    [Fact]
    public async Task A_batch_with_one_task_outside_the_scope_adds_none()
    {
        var suffix = Unique();
        var batch = $$"""{"tasks":[{{Task($"billing.a{suffix}")}},{{Task($"shipping.b{suffix}")}}]}""";

        var response = await Http.SendAsync("POST", "/v1/api/tasks/batch", batch, BillingProducer);

        AssertError(response.AsTuple(), HttpStatusCode.Forbidden, $"tasks[1].name 'shipping.b{suffix}' is outside");
        var stored = await Http.SendAsync("GET", $"/v1/api/query-task-by-name?name=billing.a{suffix}", null, Admin);
        Assert.Equal(0, stored.Body.GetArrayLength());
    }

    [Fact]
    public async Task Another_teams_task_by_id_is_missing_for_every_call_and_stays_as_it_was()
    {
        var suffix = Unique();
        var shipping = await AddAsync($"shipping.label{suffix}", ShippingProducer);
        var unknown = "6b07988cf068bd9b68837642";

        foreach (var (method, path, body) in new (string, string, string?)[]
        {
            ("GET", "/v1/api/query-task-by-id?taskid={0}", null),
            ("GET", "/v1/api/tasks/{0}", null),
            ("PATCH", "/v1/api/tasks/{0}", """{"data":"changed"}"""),
            ("POST", "/v1/api/tasks/{0}/pause", "{}"),
            ("POST", "/v1/api/tasks/{0}/resume", "{}"),
            ("POST", "/v1/api/tasks/{0}/trigger", "{}"),
            ("GET", "/v1/api/tasks/{0}/next", null),
            ("GET", "/v1/api/tasks/{0}/fires", null),
            ("DELETE", "/v1/api/tasks/{0}", null),
        })
        {
            var key = method == "GET" ? BillingViewer : BillingProducer;
            var theirs = await Http.SendAsync(method, string.Format(path, shipping), body, key);
            var missing = await Http.SendAsync(method, string.Format(path, unknown), body, key);

            Assert.Equal(HttpStatusCode.NotFound, theirs.Status);
            Assert.Equal(missing.Body.GetProperty("msg").GetString()!.Replace(unknown, shipping, StringComparison.Ordinal),
                theirs.Body.GetProperty("msg").GetString());
        }

        var task = await Http.SendAsync("GET", $"/v1/api/tasks/{shipping}", null, ShippingProducer);
        Assert.Equal(HttpStatusCode.OK, task.Status);
        Assert.Equal("x", task.Body.GetProperty("data").GetString());
        Assert.Equal("pending", task.Body.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Array, (await Http.SendAsync("GET", $"/v1/api/tasks/{shipping}/fires", null, ShippingProducer)).Body
            .GetProperty("fires").ValueKind);
    }

    [Fact]
    public async Task A_key_calls_its_own_tasks_by_id()
    {
        var suffix = Unique();
        var id = await AddAsync($"billing.invoice{suffix}", BillingProducer);

        var paused = await Http.SendAsync("POST", $"/v1/api/tasks/{id}/pause", "{}", BillingProducer);
        var read = await Http.SendAsync("GET", $"/v1/api/query-task-by-id?taskid={id}", null, BillingViewer);
        var deleted = await Http.SendAsync("DELETE", $"/v1/api/tasks/{id}", null, BillingProducer);

        Assert.Equal("paused", paused.Body.GetProperty("state").GetString());
        Assert.Equal(id, read.Body.GetProperty("_id").GetString());
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
    }

    [Fact]
    public async Task Delete_by_ids_deletes_only_the_keys_own_tasks()
    {
        var suffix = Unique();
        var billing = await AddAsync($"billing.invoice{suffix}", BillingProducer);
        var shipping = await AddAsync($"shipping.label{suffix}", ShippingProducer);

        var response = await Http.SendAsync("POST", "/v1/api/delete-task", Json(new { ids = new[] { billing, shipping } }), BillingProducer);

        Assert.Equal([billing], response.Body.GetProperty("SucIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync("GET", $"/v1/api/tasks/{shipping}", null, Admin)).Status);
    }

    [Fact]
    public async Task Names_outside_the_scope_are_refused_by_name_calls()
    {
        var suffix = Unique();
        await AddAsync($"shipping.label{suffix}", ShippingProducer);

        var query = await Http.SendAsync("GET", $"/v1/api/query-task-by-name?name=shipping.label{suffix}", null, BillingViewer);
        var queryInPath = await Http.SendAsync("GET", $"/v1/api/query-task-by-name/shipping.label{suffix}", null, BillingViewer);
        var delete = await Http.SendAsync("POST", "/v1/api/delete-task-by-name", Json(new { name = $"shipping.label{suffix}" }), BillingProducer);

        AssertError(query.AsTuple(), HttpStatusCode.Forbidden, "outside the task names the API key 'billing-viewer' may use (billing.*)");
        AssertError(queryInPath.AsTuple(), HttpStatusCode.Forbidden, "outside the task names");
        AssertError(delete.AsTuple(), HttpStatusCode.Forbidden, "outside the task names the API key 'billing' may use");
        var stored = await Http.SendAsync("GET", $"/v1/api/query-task-by-name?name=shipping.label{suffix}", null, ShippingProducer);
        Assert.Equal(1, stored.Body.GetArrayLength());
    }

    [Theory]
    [InlineData(BillingViewer, "")]
    [InlineData(AuditViewer, "")]
    [InlineData(AuditViewer, "&name_prefix=billing.")]
    [InlineData(AuditViewer, "&name=billing.refund")]
    public async Task The_task_list_of_a_scoped_key_pages_through_its_own_tasks_only(string key, string filter)
    {
        var suffix = Unique();
        foreach (var (name, producer) in new[]
        {
            ($"billing.invoice{suffix}", BillingProducer), ($"billing.refund{suffix}", BillingProducer), ("billing.invoice", BillingProducer),
            ("billing.refund", BillingProducer), ($"shipping.label{suffix}", ShippingProducer), ($"audit.x{suffix}", Admin),
        })
        {
            await AddAsync(name, producer);
        }

        var everything = await ListAllAsync(Admin, filter);
        var scoped = await ListAllAsync(key, filter);

        bool Visible(string name) => key == BillingViewer
            ? name.StartsWith("billing.", StringComparison.Ordinal)
            : name.StartsWith("shipping.", StringComparison.Ordinal) || name == "billing.invoice";
        Assert.Equal(everything.Where(t => Visible(t.Name)).Select(t => t.Id), scoped.Select(t => t.Id));
        Assert.True(everything.Count > scoped.Count, "the scope hides some of the tasks");
    }

    [Fact]
    public async Task An_unscoped_key_sees_every_team()
    {
        var suffix = Unique();
        var billing = await AddAsync($"billing.invoice{suffix}", BillingProducer);
        var shipping = await AddAsync($"shipping.label{suffix}", ShippingProducer);

        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync("GET", $"/v1/api/tasks/{billing}", null, Admin)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync("GET", $"/v1/api/tasks/{shipping}", null, Admin)).Status);
    }

    /// <summary>Every page of GET /tasks, two tasks a page, as (name, id).</summary>
    private async Task<List<(string Name, string Id)>> ListAllAsync(string key, string filter)
    {
        var all = new List<(string, string)>();
        string? after = null;
        do
        {
            var page = await Http.SendAsync("GET", $"/v1/api/tasks?limit=2{filter}{(after is null ? "" : "&after=" + after)}", null, key);
            Assert.True(page.Status == HttpStatusCode.OK, page.Body.ToString());
            all.AddRange(page.Body.GetProperty("tasks").EnumerateArray().Select(t => (t.GetProperty("name").GetString()!, t.GetProperty("_id").GetString()!)));
            after = page.Body.GetProperty("next").GetString();
        }
        while (after is not null);
        return all;
    }

    private static string Task(string name) => Json(new { name, type = 3, data = "x", crontab = "0 0 1 1 *" });

    private async Task<string> AddAsync(string name, string key)
    {
        var response = await Http.SendAsync("POST", "/v1/api/task", Task(name), key);
        Assert.True(response.Status == HttpStatusCode.OK, response.Body.ToString());
        return response.Body.GetProperty("taskid").GetString()!;
    }

    private static string Unique() => "." + TaskCalls.UniquePrefix("t").TrimEnd('-');
}

public sealed class ScopedKeyTaskTestsOnSqlite(ScopedKeysOnSqlite fixture) : ScopedKeyTaskTests(fixture), IClassFixture<ScopedKeysOnSqlite>;

public sealed class ScopedKeyTaskTestsOnPostgres(ScopedKeysOnPostgres fixture) : ScopedKeyTaskTests(fixture), IClassFixture<ScopedKeysOnPostgres>;
