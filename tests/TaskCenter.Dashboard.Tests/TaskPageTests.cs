using System.Globalization;
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

        var history = page.GetByRole(AriaRole.Table, new() { Name = "Fire history" });
        var fire = history.Locator("tbody tr:not(.detail)");
        await Expect(fire).ToHaveCountAsync(1);
        var cells = fire.First.Locator("td");
        await Expect(cells.Nth(0).Locator(".time")).ToHaveTextAsync(NewYorkTime());
        await Expect(cells.Nth(0).Locator(".msgid")).ToHaveTextAsync(msgid);
        await Expect(cells.Nth(1)).ToHaveTextAsync("page-group");
        await Expect(cells.Nth(2)).ToHaveTextAsync("acked");
        await Expect(cells.Nth(3)).ToHaveTextAsync("2");             // attempts
        await Expect(cells.Nth(4)).ToHaveTextAsync(Lateness());
        await Expect(cells.Nth(5)).ToHaveTextAsync(NewYorkTime());   // delivered
        await Expect(cells.Nth(6)).ToHaveTextAsync(NewYorkTime());   // done
        await Expect(history.Locator("tr.detail")).ToHaveTextAsync("Last errorfirst try failed");
        await AssertFitsOnOneLineAsync(history);

        await dashboard.ScreenshotAsync("task");
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_delivery_waiting_for_its_retry_says_when_and_which_attempt_of_how_many_it_will_be()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output, new Dictionary<string, string?>
        {
            ["Queue:RetryDelays:0"] = "00:10:00",
            ["Queue:MaxRetries"] = "3",
        });
        var id = await dashboard.Api.AddDailyAsync("retry-task");
        await dashboard.Api.SubscribeAsync("retry-group", "retry-task");
        await dashboard.Api.SendAsync(HttpMethod.Post, $"tasks/{id}/trigger");
        var failed = Assert.Single(await dashboard.Api.ConsumeAsync("retry-group", "retry-task", 1));
        var error = "System.TimeoutException: the billing service did not answer within 30 s, "
            + "while handling invoice 4711 for customer 0815; the handler gives up and reports the failure so that it is retried later";
        Assert.Equal("retrying", await dashboard.Api.NackAsync("retry-group", failed, error));
        await dashboard.Api.SendAsync(HttpMethod.Post, $"tasks/{id}/trigger");
        var held = Assert.Single(await dashboard.Api.ConsumeAsync("retry-group", "retry-task", 1));
        var fires = (await dashboard.Api.SendAsync(HttpMethod.Get, $"tasks/{id}/fires")).GetProperty("fires");
        var retryAtMs = fires.EnumerateArray().Single(f => f.GetProperty("msgid").GetString() == failed)
            .GetProperty("deliveries")[0].GetProperty("available_at_ms").GetInt64();

        await dashboard.OpenAsync($"#/tasks/{id}");

        var history = dashboard.Page.GetByRole(AriaRole.Table, new() { Name = "Fire history" });
        var waiting = history.Locator("tbody tr:not(.detail)", new() { HasText = failed });
        var retryAt = TimeZoneInfo.ConvertTime(
            DateTimeOffset.FromUnixTimeMilliseconds(retryAtMs), TimeZoneInfo.FindSystemTimeZoneById(DashboardSession.ViewerZone));
        // The time of day, with the date before it only when that is not today (10 minutes before midnight).
        await Expect(waiting.Locator("td.state .badge")).ToHaveTextAsync(
            new Regex($@"^retry at (\d{{4}}-\d\d-\d\d )?{retryAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}( GMT-[45])?$"));
        await Expect(waiting.Locator("td.state .attempt")).ToHaveTextAsync("attempt 2 of 4");
        // The error takes one line under its row, cut with an ellipsis; the whole text is its title and shows when opened.
        var lastError = history.Locator("tr.detail details.last-error");
        var text = lastError.Locator(".error");
        await Expect(text).ToHaveTextAsync(error);
        await Expect(lastError.Locator("summary")).ToHaveAttributeAsync("title", error);
        Assert.Equal("ellipsis", await text.EvaluateAsync<string>("e => getComputedStyle(e).textOverflow"));
        Assert.True(await text.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the long error is cut");
        Assert.Equal(1, await LinesAsync(text));
        await AssertFitsOnOneLineAsync(history);
        await dashboard.ScreenshotAsync("task-retry");

        await lastError.Locator("summary").ClickAsync();
        Assert.True(await LinesAsync(text) > 1, "the opened error wraps to show all of it");
        Assert.True(await text.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the opened error shows all of it");
        var leased = history.Locator("tbody tr:not(.detail)", new() { HasText = held });
        await Expect(leased.Locator("td.state")).ToHaveTextAsync("leasedattempt 1 of 4");
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

    /// <summary>
    /// At 1280 px the history needs no sideways scroll and no value wraps: a row is two lines high at most (a fire
    /// time over its message id, a state over its attempt).
    /// </summary>
    private static async Task AssertFitsOnOneLineAsync(ILocator history)
    {
        var widths = await history.EvaluateAsync<int[]>("table => [table.parentElement.scrollWidth, table.parentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the fire history is {widths[0]} px wide in {widths[1]} px");
        var lines = await history.EvaluateAsync<double[]>("""
            table => [...table.querySelectorAll('tbody tr:not(.detail)')].map(row => {
              const cell = getComputedStyle(row.cells[0]);
              const content = row.getBoundingClientRect().height - parseFloat(cell.paddingTop) - parseFloat(cell.paddingBottom);
              return content / parseFloat(cell.lineHeight);
            })
            """);
        Assert.All(lines, height => Assert.True(height <= 2.5, $"a row of the fire history is {height:0.00} lines high"));
    }

    private static Task<int> LinesAsync(ILocator element) =>
        element.EvaluateAsync<int>("e => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight))");

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d 09:30:00 GMT\+[12]$")]
    private static partial Regex BerlinMorning();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d 0[34]:30:00 GMT-[45]$")]
    private static partial Regex NewYorkNight();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT-[45]$")]
    private static partial Regex NewYorkTime();

    [GeneratedRegex(@"^\d+(\.\d)? (ms|s)$|^\d+ min \d+ s$")]
    private static partial Regex Lateness();
}
