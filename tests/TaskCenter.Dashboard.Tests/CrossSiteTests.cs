using System.Text.Json;

namespace TaskCenter.Dashboard.Tests;

/// <summary>
/// A page of another site, open in the user's browser, against a server running open on loopback: what a hostile page
/// would try — a body the browser sends without asking the server (no Content-Type, text/plain), a JSON call that needs
/// CORS, a bodiless trigger — adds and fires nothing, and the server's log shows it refused each. The same page on an
/// origin the server allows (Security:AllowedOrigins) does add a task, so the page does reach the server.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrossSiteTests(BrowserFixture browser)
{
    private const string Attack = """
        async ({ server, id, name }) => {
            const task = JSON.stringify({ name, type: 1, data: 'from another site' });
            const attempts = [
                () => fetch(server + 'v1/api/task', { method: 'POST', mode: 'no-cors', body: new Blob([task]) }),
                () => fetch(server + 'v1/api/task', { method: 'POST', mode: 'no-cors', body: new Blob([task], { type: 'text/plain' }) }),
                () => fetch(server + 'v1/api/task', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: task }),
                () => fetch(server + `v1/api/tasks/${id}/trigger`, { method: 'POST', mode: 'no-cors' }),
            ];
            const outcomes = [];
            for (const attempt of attempts) {
                try { outcomes.push((await attempt()).type); } catch (error) { outcomes.push('refused by the browser'); }
            }
            return outcomes;
        }
        """;

    [Fact]
    public async Task A_page_of_another_site_can_neither_add_nor_trigger_a_task_on_an_open_server()
    {
        await using var site = await ForeignSite.StartAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        var api = new ServerApi(server.Http, apiKey: null);
        var id = await api.AddTaskAsync(new { name = "kept", type = 1, data = "d", start_time = 4_102_444_800 });

        var outcomes = await RunOnAsync(site, Attack, server, id, "planted");

        Assert.Equal(["opaque", "opaque", "refused by the browser", "opaque"], outcomes);
        Assert.Empty((await api.SendAsync(HttpMethod.Get, "query-task-by-name?name=planted")).EnumerateArray());
        Assert.Empty((await api.SendAsync(HttpMethod.Get, $"tasks/{id}/fires")).GetProperty("fires").EnumerateArray());
        var answered = server.Logs.Entries.Select(e => e.Message).Where(m => m.StartsWith("Request finished", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, answered.Count(m => m.Contains("POST " + server.BaseAddress + "v1/api/task - 403", StringComparison.Ordinal)));
        Assert.Contains(answered, m => m.Contains($"POST {server.BaseAddress}v1/api/tasks/{id}/trigger - 403", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_of_an_allowed_origin_can_add_a_task()
    {
        await using var site = await ForeignSite.StartAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Security:AllowedOrigins:0"] = site.Origin });
        var api = new ServerApi(server.Http, apiKey: null);
        var id = await api.AddTaskAsync(new { name = "kept", type = 1, data = "d", start_time = 4_102_444_800 });

        var outcomes = await RunOnAsync(site, Attack, server, id, "allowed");

        Assert.Equal("cors", outcomes[2]);
        Assert.Single((await api.SendAsync(HttpMethod.Get, "query-task-by-name?name=allowed")).EnumerateArray());
    }

    private async Task<string[]> RunOnAsync(ForeignSite site, string script, RunningServer server, string id, string name)
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Address.ToString());
        var outcomes = await page.EvaluateAsync<JsonElement>(script, new { server = server.BaseAddress.ToString(), id, name });
        return [.. outcomes.EnumerateArray().Select(o => o.GetString()!)];
    }
}
