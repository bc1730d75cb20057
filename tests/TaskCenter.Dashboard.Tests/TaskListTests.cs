namespace TaskCenter.Dashboard.Tests;

[Collection(BrowserCollection.Name)]
public sealed class TaskListTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Searches_by_name_prefix_filters_by_type_and_state_and_pages_by_cursor()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output);
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await dashboard.Api.AddDailyAsync($"list-cron-{i:00}"));
        }

        for (var i = 0; i < 10; i++)
        {
            await dashboard.Api.AddTaskAsync(new { name = $"list-once-{i:00}", type = 1, data = "later", start_time = tomorrow });
        }

        await dashboard.Api.AddDailyAsync("other-task");
        await dashboard.Api.SendAsync(HttpMethod.Post, $"tasks/{ids[0]}/pause");

        await dashboard.OpenAsync("#/tasks");
        var page = dashboard.Page;
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Tasks" }).Locator("tbody tr");

        await page.GetByLabel("Name starts with").FillAsync("list-");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(25);
        await Expect(rows.First).ToContainTextAsync("list-cron-00");
        await Expect(rows.Last).ToContainTextAsync("list-once-04");
        await dashboard.ScreenshotAsync("tasks");

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(rows.First).ToContainTextAsync("list-once-05");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToHaveCountAsync(0);
        Assert.DoesNotContain("offset", page.Url, StringComparison.OrdinalIgnoreCase);

        await page.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(25);
        await Expect(rows.First).ToContainTextAsync("list-cron-00");

        await page.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync("one-shot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(10);
        await Expect(rows.Filter(new() { HasText = "list-cron" })).ToHaveCountAsync(0);

        await page.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync("any");
        await page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync("paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("list-cron-00");
        await Expect(rows.First).ToContainTextAsync("paused");

        await page.GetByLabel("Name starts with").FillAsync("nothing-like-this");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByText("No task matches.")).ToBeVisibleAsync();

        dashboard.AssertNoScriptErrors();
    }
}
