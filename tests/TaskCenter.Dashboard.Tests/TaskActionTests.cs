using System.Net;

namespace TaskCenter.Dashboard.Tests;

[Collection(BrowserCollection.Name)]
public sealed class TaskActionTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Pause_resume_trigger_and_delete_each_ask_first()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output);
        var id = await dashboard.Api.AddDailyAsync("action-task");
        await dashboard.OpenAsync($"#/tasks/{id}");
        var page = dashboard.Page;
        var state = page.GetByRole(AriaRole.Heading, new() { Name = "action-task" }).Locator(".badge");
        ILocator Button(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

        await Button("Pause").ClickAsync();
        var dialog = await dashboard.DialogAsync();
        await Expect(dialog).ToContainTextAsync("Pause this task?");
        await dashboard.ScreenshotAsync("confirm-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(dashboard.Notice).ToContainTextAsync("Paused action-task.");
        await Expect(state).ToHaveTextAsync("paused");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Next fires" })).ToHaveCountAsync(0);
        Assert.Equal("paused", (await dashboard.Api.SendAsync(HttpMethod.Get, $"tasks/{id}")).GetProperty("state").GetString());

        await dashboard.ConfirmAsync(Button("Resume"), "Resume");
        await Expect(dashboard.Notice).ToContainTextAsync("Resumed action-task.");
        await Expect(state).Not.ToHaveTextAsync("paused");
        await Expect(Button("Pause")).ToBeVisibleAsync();

        // The extra fire reaches a subscribed group, with the msgid the dashboard reports.
        await dashboard.Api.SubscribeAsync("trigger-group", "action-task");
        await dashboard.ConfirmAsync(Button("Trigger now"), "Trigger");
        await Expect(dashboard.Notice).ToContainTextAsync("Fired action-task now: message ");
        var msgid = Assert.Single(await dashboard.Api.ConsumeAsync("trigger-group", "action-task", 1));
        await Expect(dashboard.Notice).ToContainTextAsync(msgid);

        // Cancel leaves the task alone.
        await Button("Delete").ClickAsync();
        await (await dashboard.DialogAsync()).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await dashboard.Api.SendAsync(HttpMethod.Get, $"tasks/{id}");

        await dashboard.ConfirmAsync(Button("Delete"), "Delete");
        await Expect(dashboard.Notice).ToContainTextAsync("Deleted action-task.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tasks", Exact = true })).ToBeVisibleAsync();
        await dashboard.Api.SendAsync(HttpMethod.Get, $"tasks/{id}", expected: HttpStatusCode.NotFound);

        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_finished_task_can_be_triggered_and_stays_finished()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output);
        await dashboard.Api.SubscribeAsync("finished-group", "finished-task");
        var id = await dashboard.Api.AddNowAsync("finished-task", "once");
        var original = Assert.Single(await dashboard.Api.ConsumeAsync("finished-group", "finished-task", 1));
        await dashboard.Api.AckAsync("finished-group", original);
        await Waiting.PollAsync(
            async () => (await dashboard.Api.SendAsync(HttpMethod.Get, $"tasks/{id}")).GetProperty("state").GetString(),
            state => state == "finished");
        await dashboard.OpenAsync($"#/tasks/{id}");
        var page = dashboard.Page;
        var state = page.GetByRole(AriaRole.Heading, new() { Name = "finished-task" }).Locator(".badge");
        await Expect(state).ToHaveTextAsync("finished");

        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger now", Exact = true }).ClickAsync();
        var dialog = await dashboard.DialogAsync();
        await Expect(dialog).ToContainTextAsync("One extra fire of finished-task, now; it stays finished.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Trigger", Exact = true }).ClickAsync();

        await Expect(dashboard.Notice).ToContainTextAsync("Fired finished-task now: message ");
        var extra = Assert.Single(await dashboard.Api.ConsumeAsync("finished-group", "finished-task", 1));
        Assert.NotEqual(original, extra);
        await Expect(dashboard.Notice).ToContainTextAsync(extra);
        await Expect(state).ToHaveTextAsync("finished");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Fire history" }).Locator(".msgid")).ToHaveTextAsync([extra, original]);
        dashboard.AssertNoScriptErrors();
    }
}
