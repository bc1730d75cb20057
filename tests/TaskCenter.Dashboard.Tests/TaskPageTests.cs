using System.Text.RegularExpressions;

namespace TaskCenter.Dashboard.Tests;

[Collection(BrowserCollection.Name)]
public sealed partial class TaskPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Shows_the_definition_the_next_fires_in_both_zones_and_the_history_of_a_consumed_fire()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output);
        var id = await dashboard.Api.AddDailyAsync("page-task");
        await dashboard.Api.SubscribeAsync("page-group", "page-task");
        await dashboard.Api.SendAsync(HttpMethod.Post, $"tasks/{id}/trigger");
        var msgid = Assert.Single(await dashboard.Api.ConsumeAsync("page-group", "page-task", 1));
        Assert.Equal("retrying", await dashboard.Api.NackAsync("page-group", msgid, "first try failed"));
        Assert.Single(await dashboard.Api.ConsumeAsync("page-group", "page-task", 1));
        await dashboard.Api.AckAsync("page-group", msgid);

        await dashboard.OpenAsync($"#/tasks/{id}");
        var page = dashboard.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "page-task" })).ToBeVisibleAsync();
        await Expect(page.Locator(".facts")).ToContainTextAsync("0 30 9 * * *");
        await Expect(page.Locator(".facts")).ToContainTextAsync("Europe/Berlin");
        await Expect(page.Locator("pre.data")).ToHaveTextAsync("payload of page-task");

        // 09:30 in Berlin (UTC+1 or +2) is 03:30 or 04:30 in New York (UTC-5 or -4), depending on the dates' DST.
        var next = page.GetByRole(AriaRole.Table, new() { Name = "Next fires" }).Locator("tbody tr");
        await Expect(next).ToHaveCountAsync(10);
        await Expect(next.First.Locator("td").Nth(1)).ToHaveTextAsync(BerlinMorning());
        await Expect(next.First.Locator("td").Nth(2)).ToHaveTextAsync(NewYorkNight());
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = $"Your zone ({DashboardSession.ViewerZone})" })).ToBeVisibleAsync();

        var fire = page.GetByRole(AriaRole.Table, new() { Name = "Fire history" }).Locator("tbody tr");
        await Expect(fire).ToHaveCountAsync(1);
        var cells = fire.First.Locator("td");
        await Expect(cells.Nth(1)).ToHaveTextAsync("page-group");
        await Expect(cells.Nth(2)).ToHaveTextAsync("acked");
        await Expect(cells.Nth(3)).ToHaveTextAsync(NewYorkTime());   // delivered
        await Expect(cells.Nth(4)).ToHaveTextAsync(Lateness());      // lateness
        await Expect(cells.Nth(5)).ToHaveTextAsync("2");             // attempts
        await Expect(cells.Nth(7)).ToHaveTextAsync("first try failed");
        await Expect(cells.Nth(8)).ToHaveTextAsync(msgid);

        await dashboard.ScreenshotAsync("task");
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_unknown_task_says_not_found()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output);

        await dashboard.OpenAsync("#/tasks/0123456789abcdef01234567");

        await Expect(dashboard.Page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Expect(dashboard.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("404");
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d 09:30:00 GMT\+[12]$")]
    private static partial Regex BerlinMorning();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d 0[34]:30:00 GMT-[45]$")]
    private static partial Regex NewYorkNight();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT-[45]$")]
    private static partial Regex NewYorkTime();

    [GeneratedRegex(@"^\d+(\.\d)? (ms|s)$|^\d+ min \d+ s$")]
    private static partial Regex Lateness();
}
