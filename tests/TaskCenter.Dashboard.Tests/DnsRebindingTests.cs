using System.Text.Json;

namespace TaskCenter.Dashboard.Tests;

/// <summary>
/// DNS rebinding: a hostile page is loaded from the attacker's name, which then resolves to 127.0.0.1, so the page
/// calls the server as its own origin — no CORS, no Origin check stops it. Here the browser resolves
/// <see cref="BrowserFixture.ReboundHost"/> to this machine from the start, and the attacker's script runs in a document
/// of that origin; the server refuses the Host, unless AllowedHosts lets any host in (which shows the script does
/// reach it).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DnsRebindingTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_page_under_a_rebound_name_cannot_add_a_task_on_an_open_server()
    {
        await using var server = await RunningServer.StartAsync();

        var (status, message) = await AddFromReboundPageAsync(server, "rebound");

        Assert.Equal(400, status);
        Assert.Contains("AllowedHosts", message, StringComparison.Ordinal);
        Assert.Empty((await new ServerApi(server.Http, apiKey: null).SendAsync(HttpMethod.Get, "query-task-by-name?name=rebound")).EnumerateArray());
    }

    [Fact]
    public async Task With_any_host_allowed_the_same_page_adds_a_task()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["AllowedHosts"] = "*" });

        var (status, _) = await AddFromReboundPageAsync(server, "rebound");

        Assert.Equal(200, status);
        Assert.Single((await new ServerApi(server.Http, apiKey: null).SendAsync(HttpMethod.Get, "query-task-by-name?name=rebound")).EnumerateArray());
    }

    private async Task<(int Status, string Message)> AddFromReboundPageAsync(RunningServer server, string name)
    {
        var origin = $"http://{BrowserFixture.ReboundHost}:{server.BaseAddress.Port}";
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(origin + "/healthz");
        var answer = await page.EvaluateAsync<JsonElement>("""
            async (name) => {
                const response = await fetch('/v1/api/task', {
                    method: 'POST',
                    headers: { 'Content-Type': 'application/json' },
                    body: JSON.stringify({ name, type: 1, data: 'from a rebound page' }),
                });
                return { status: response.status, text: await response.text() };
            }
            """, name);
        return (answer.GetProperty("status").GetInt32(), answer.GetProperty("text").GetString()!);
    }
}
