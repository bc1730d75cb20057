using System.Net;

namespace TaskCenter.Dashboard.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PushGroupTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_overview_lists_a_push_group_with_its_target_closed_then_open_with_the_last_error_once_its_target_refuses()
    {
        // The circuit stays open for the whole test once it opened.
        await using var dashboard = await DashboardSession.StartAsync(
            browser, output, new Dictionary<string, string?> { ["Push:CircuitBreak"] = "00:10:00" });
        var target = $"http://127.0.0.1:{ClosedPort.Take()}/hooks/refused";
        await dashboard.Api.SendAsync(
            HttpMethod.Put, "groups/refused-push", new { tags = "refused-push", push = new { url = target } }, HttpStatusCode.Created);
        await dashboard.Api.SubscribeAsync("pull-group", "pulled");

        await dashboard.OpenAsync("#/");
        var page = dashboard.Page;
        var pushGroups = page.GetByRole(AriaRole.Table, new() { Name = "Push groups" });
        var row = pushGroups.Locator("tbody tr", new() { HasText = "refused-push" });
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(target);
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("closed");
        await Expect(pushGroups.Locator("tbody tr", new() { HasText = "pull-group" })).ToHaveCountAsync(0);

        // Each message fails twice (Queue:MaxRetries 1): three of them fail more than the 5 pushes that open the circuit.
        for (var i = 0; i < 3; i++)
        {
            await dashboard.Api.AddNowAsync("refused-push", $"push {i}");
        }

        var overview = await Waiting.PollAsync(
            () => dashboard.Api.SendAsync(HttpMethod.Get, "overview"),
            overview => overview.GetProperty("push_groups").EnumerateArray().Any(g => g.GetProperty("circuit").GetString() == "open"));
        // Open, the circuit sends nothing more: the last error stays what it is now.
        var error = overview.GetProperty("push_groups")[0].GetProperty("last_error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error));
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh", Exact = true }).ClickAsync();

        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("open");
        var lastError = pushGroups.Locator("tr.detail details.last-error");
        await Expect(lastError.Locator("summary")).ToHaveAttributeAsync("title", error!);
        await Expect(lastError.Locator("code.error")).ToHaveTextAsync(error!);
        output.WriteLine($"last error: {error}");

        await dashboard.ScreenshotAsync("push-groups");
        dashboard.AssertNoScriptErrors();
    }
}
