using System.Text.RegularExpressions;

namespace TaskCenter.Dashboard.Tests;

/// <summary>
/// The overview and the task page refresh themselves. The page's clock is Playwright's, so a test moves it 10 s
/// forward instead of waiting; the server counts tasks afresh for every overview (Overview:CountMaxAge 0).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AutoRefreshTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> CountEveryTime = new() { ["Overview:CountMaxAge"] = "00:00:00" };

    // Counts the page's API calls, at the moment they are made.
    private const string CountCalls =
        "() => { window.apiCalls = 0; const fetch = window.fetch; window.fetch = (...args) => { window.apiCalls++; return fetch(...args); }; }";

    private const string Hide =
        "hidden => { Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' }); document.dispatchEvent(new Event('visibilitychange')); }";

    [Fact]
    public async Task The_overview_shows_a_new_task_without_a_click_and_waits_while_the_tab_is_hidden()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output, CountEveryTime);
        await dashboard.Api.AddDailyAsync("refresh-1");
        var page = dashboard.Page;
        await page.Clock.InstallAsync();
        await dashboard.OpenAsync("#/");
        var cron = page.GetByRole(AriaRole.Table, new() { Name = "Tasks by type and state" })
            .Locator("tbody tr", new() { HasText = "cron" }).Locator("td").Last;
        await Expect(cron).ToHaveTextAsync("1");
        var updated = page.Locator(".updated");
        await Expect(updated).ToHaveTextAsync(Updated());
        var first = await updated.TextContentAsync();

        await dashboard.Api.AddDailyAsync("refresh-2");
        await page.Clock.FastForwardAsync("00:10");
        await Expect(cron).ToHaveTextAsync("2");
        await Expect(updated).Not.ToHaveTextAsync(first!);
        await Expect(updated).ToHaveTextAsync(Updated());

        // Hidden, the tab asks nothing; shown again, it catches up at once.
        await page.EvaluateAsync(CountCalls);
        await page.EvaluateAsync(Hide, true);
        await dashboard.Api.AddDailyAsync("refresh-3");
        await page.Clock.FastForwardAsync("00:30");
        Assert.Equal(0, await page.EvaluateAsync<int>("window.apiCalls"));
        await Expect(cron).ToHaveTextAsync("2");
        await page.EvaluateAsync(Hide, false);
        await page.Clock.FastForwardAsync("00:01");
        await Expect(cron).ToHaveTextAsync("3");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Refresh" })).ToBeVisibleAsync();
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_task_page_shows_new_fires_keeps_the_scroll_and_waits_while_a_dialog_is_open()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output, viewport: new ViewportSize { Width = 1280, Height = 500 });
        var id = await dashboard.Api.AddDailyAsync("refresh-task");
        await dashboard.Api.SubscribeAsync("refresh-group", "refresh-task");
        var page = dashboard.Page;
        await page.Clock.InstallAsync();
        await dashboard.OpenAsync($"#/tasks/{id}");
        var history = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Fire history" }) });
        await Expect(history).ToContainTextAsync("No fires yet.");

        // An open edit form holds the page as it is.
        var form = await TaskEditTests.OpenEditorAsync(dashboard);
        await page.EvaluateAsync(CountCalls);
        await dashboard.Api.SendAsync(HttpMethod.Post, $"tasks/{id}/trigger");
        await page.Clock.FastForwardAsync("00:15");
        Assert.Equal(0, await page.EvaluateAsync<int>("window.apiCalls"));
        await Expect(history).ToContainTextAsync("No fires yet.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(form).ToHaveCountAsync(0);

        var scrolled = await page.EvaluateAsync<int>("() => { window.scrollTo(0, 250); return Math.round(window.scrollY); }");
        Assert.True(scrolled > 0, "the task page is taller than the window");
        await page.Clock.FastForwardAsync("00:10");
        await Expect(history.GetByRole(AriaRole.Table, new() { Name = "Fire history" }).Locator("tbody tr")).ToHaveCountAsync(1);
        Assert.Equal(scrolled, await page.EvaluateAsync<int>("Math.round(window.scrollY)"));
        dashboard.AssertNoScriptErrors();
    }

    [GeneratedRegex(@"^updated \d\d:\d\d:\d\d$")]
    private static partial Regex Updated();
}
