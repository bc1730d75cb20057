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
            // Nor does a stacked table (the task list, the fire history) hide values behind a sideways scroll of its own.
            var tables = await dashboard.Page.EvaluateAsync<string[]>(
                "[...document.querySelectorAll('.table-wrap:has(table.stack)')].filter(w => w.scrollWidth > w.clientWidth).map(w => `${w.firstChild.ariaLabel}: ${w.scrollWidth} px in ${w.clientWidth} px`)");
            Assert.True(tables.Length == 0, $"{route}: {string.Join("; ", tables)}");
            await dashboard.ScreenshotAsync(screenshot);
        }

        // The task list shows each task's name, state, schedule, next fire and fires; its type is in the schedule.
        await dashboard.OpenAsync("#/tasks");
        var task = dashboard.Page.GetByRole(AriaRole.Table, new() { Name = "Tasks" }).Locator("tbody tr").First;
        await Expect(task.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await Expect(task.Locator("td.aside")).ToHaveTextAsync("pending");
        await Expect(task.Locator("td.full")).ToHaveTextAsync("0 30 9 * * *");
        await Expect(task.Locator("td[data-label='Next fire']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\d 0[34]:30:00 GMT-[45]$"));
        await Expect(task.Locator("td[data-label='Fired']")).ToHaveTextAsync("0");
        await Expect(task.Locator("td.wide-only")).ToBeHiddenAsync();
        foreach (var value in new[] { "td.title", "td.aside", "td.full", "td[data-label='Next fire']", "td[data-label='Fired']" })
        {
            await Expect(task.Locator(value)).ToBeInViewportAsync();
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
