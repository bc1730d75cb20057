namespace TaskCenter.Dashboard.Tests;

[Collection(BrowserCollection.Name)]
public sealed class OverviewTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Shows_tasks_by_state_and_type_the_backlog_the_fires_chart_and_the_instances()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output);
        await dashboard.Api.AddDailyAsync("overview-daily-1");
        await dashboard.Api.AddDailyAsync("overview-daily-2");
        await dashboard.Api.SubscribeAsync("overview-group", "overview-now");
        await dashboard.Api.AddNowAsync("overview-now", "leased by the test");
        await dashboard.Api.ConsumeAsync("overview-group", "overview-now", 1);
        // The server records itself as an instance shortly after it started.
        await Waiting.PollAsync(
            () => dashboard.Api.SendAsync(HttpMethod.Get, "overview"), overview => overview.GetProperty("instances").GetArrayLength() > 0);

        await dashboard.OpenAsync("#/");
        var page = dashboard.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();

        var matrix = page.GetByRole(AriaRole.Table, new() { Name = "Tasks by type and state" });
        await Expect(matrix.Locator("tbody tr", new() { HasText = "cron" }).Locator("td").Last).ToHaveTextAsync("2");
        await Expect(matrix.Locator("tbody tr", new() { HasText = "one-shot" }).Locator("td").Last).ToHaveTextAsync("1");
        await Expect(matrix.Locator("tbody tr", new() { HasText = "interval" }).Locator("td").Last).ToHaveTextAsync("0");

        // Each state's tile adds up the API's counts of that state.
        var counts = (await dashboard.Api.SendAsync(HttpMethod.Get, "overview")).GetProperty("tasks").EnumerateArray().ToList();
        foreach (var state in new[] { "pending", "active", "paused", "finished" })
        {
            var total = counts.Where(c => c.GetProperty("state").GetString() == state).Sum(c => c.GetProperty("count").GetInt32());
            await Expect(page.Locator($"[data-tile='{state}'] .tile-value")).ToHaveTextAsync(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var backlog = page.GetByRole(AriaRole.Table, new() { Name = "Delivery backlog" });
        var group = backlog.Locator("tbody tr", new() { HasText = "overview-group" });
        await Expect(group.Locator("td").Nth(2)).ToHaveTextAsync("1"); // leased

        var instances = page.GetByRole(AriaRole.Table, new() { Name = "Server instances" });
        await Expect(instances.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(instances.Locator("tbody tr")).ToContainTextAsync("alive");

        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Fires per minute" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-tile='dead letters'] .tile-value")).ToHaveTextAsync("0");

        await dashboard.ScreenshotAsync("overview");
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Dashboard_without_a_slash_redirects_and_the_files_are_served_from_the_assembly()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output);

        var response = await dashboard.Page.GotoAsync("dashboard");

        Assert.NotNull(response);
        Assert.EndsWith("/dashboard/", dashboard.Page.Url, StringComparison.Ordinal);
        Assert.Equal(200, response.Status);
        using var script = await dashboard.Server.Http.GetAsync(new Uri("dashboard/js/app.js", UriKind.Relative));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        using var missing = await dashboard.Server.Http.GetAsync(new Uri("dashboard/js/missing.js", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
