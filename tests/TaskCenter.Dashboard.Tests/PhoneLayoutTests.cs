namespace TaskCenter.Dashboard.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_page_fits_a_phone_screen_without_scrolling_sideways()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output, viewport: new ViewportSize { Width = 360, Height = 740 });
        var name = "a-rather-long-task-name-that-a-phone-has-to-wrap-somewhere";
        var id = await dashboard.Api.AddDailyAsync(name);
        await dashboard.Api.SubscribeAsync("phone-group", name);
        await dashboard.Api.SendAsync(HttpMethod.Post, $"tasks/{id}/trigger");
        await dashboard.Api.MakeDeadLettersAsync("phone-group", name, 1);

        foreach (var (route, screenshot) in new[]
        {
            ("#/", "phone-overview"),
            ("#/tasks", "phone-tasks"),
            ($"#/tasks/{id}", "phone-task"),
            ("#/dead-letters?group=phone-group", "phone-dead-letters"),
        })
        {
            await dashboard.OpenAsync(route);
            await Expect(dashboard.Page.Locator("main h1")).ToBeVisibleAsync();
            var widths = await dashboard.Page.EvaluateAsync<int[]>(
                "[document.documentElement.scrollWidth, document.body.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[2] && widths[1] <= widths[2], $"{route} is {widths[0]}/{widths[1]} px wide in a {widths[2]} px screen");
            await dashboard.ScreenshotAsync(screenshot);
        }

        // The edit form fits too: its fields stack in one column.
        await dashboard.OpenAsync($"#/tasks/{id}");
        var form = await TaskEditTests.OpenEditorAsync(dashboard);
        var formWidths = await form.EvaluateAsync<int[]>("dialog => [dialog.scrollWidth, dialog.clientWidth, dialog.getBoundingClientRect().right, document.documentElement.clientWidth]");
        Assert.True(formWidths[0] <= formWidths[1] && formWidths[2] <= formWidths[3], $"the edit form is {string.Join('/', formWidths)} px");
        await Expect(form.GetByLabel("Crontab")).ToBeInViewportAsync();
        await dashboard.ScreenshotAsync("phone-task-edit");

        dashboard.AssertNoScriptErrors();
    }
}
