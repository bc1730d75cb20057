using System.Text.Json;
using System.Text.RegularExpressions;

namespace TaskCenter.Dashboard.Tests;

[Collection(BrowserCollection.Name)]
public sealed partial class TaskEditTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Editing_a_cron_task_sends_only_the_changed_fields_and_shows_the_new_schedule()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output);
        var id = await OpenDailyTaskAsync(dashboard, "edit-task");
        var page = dashboard.Page;
        var firstNext = page.GetByRole(AriaRole.Table, new() { Name = "Next fires" }).Locator("tbody tr").First.Locator("td").Nth(1);
        await Expect(firstNext).ToHaveTextAsync(BerlinAt("09:30"));

        var form = await OpenEditorAsync(dashboard);
        await Expect(form).ToContainTextAsync("edit-task");
        await Expect(form).ToContainTextAsync("cron");
        await Expect(form.GetByLabel("Crontab")).ToHaveValueAsync("0 30 9 * * *");
        await Expect(form.GetByLabel("Time zone (IANA)")).ToHaveValueAsync("Europe/Berlin");
        await Expect(form.GetByLabel("Data")).ToHaveValueAsync("payload of edit-task");
        await Expect(form.GetByLabel("Not after", new() { Exact = false })).ToHaveValueAsync("");
        await Expect(form.GetByLabel("Name (routing tag)")).ToHaveCountAsync(0); // shown, not editable
        await dashboard.ScreenshotAsync("task-edit");

        await form.GetByLabel("Crontab").FillAsync("0 15 18 * * *");
        await form.GetByLabel("Data").FillAsync("{\"report\": \"evening\"}");
        var change = await SaveAsync(dashboard, form);

        Assert.Equal(["crontab", "data"], change.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("0 15 18 * * *", change.GetProperty("crontab").GetString());
        await Expect(dashboard.Notice).ToContainTextAsync("Saved edit-task");
        await Expect(page.Locator(".facts")).ToContainTextAsync("0 15 18 * * *");
        await Expect(page.Locator("pre.data")).ToHaveTextAsync("{\"report\": \"evening\"}");
        await Expect(firstNext).ToHaveTextAsync(BerlinAt("18:15"));
        var task = await dashboard.Api.SendAsync(HttpMethod.Get, $"tasks/{id}");
        Assert.Equal("0 15 18 * * *", task.GetProperty("crontab").GetString());
        Assert.Equal("Europe/Berlin", task.GetProperty("timezone").GetString());
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_invalid_crontab_shows_the_servers_message_keeps_the_input_and_changes_nothing()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output);
        var id = await OpenDailyTaskAsync(dashboard, "bad-edit");

        var form = await OpenEditorAsync(dashboard);
        await form.GetByLabel("Crontab").FillAsync("61 * * * *");
        await form.GetByLabel("Data").FillAsync("not saved");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var message = form.GetByRole(AriaRole.Alert);
        await Expect(message).ToContainTextAsync("400");
        await Expect(message).ToContainTextAsync("crontab");
        await Expect(form).ToBeVisibleAsync();
        await Expect(form.GetByLabel("Crontab")).ToHaveValueAsync("61 * * * *");
        await Expect(form.GetByLabel("Data")).ToHaveValueAsync("not saved");
        await dashboard.ScreenshotAsync("task-edit-error");
        var task = await dashboard.Api.SendAsync(HttpMethod.Get, $"tasks/{id}");
        Assert.Equal("0 30 9 * * *", task.GetProperty("crontab").GetString());
        Assert.Equal("payload of bad-edit", task.GetProperty("data").GetString());

        // Esc closes the form; the page still shows the task as it is.
        await dashboard.Page.Keyboard.PressAsync("Escape");
        await Expect(dashboard.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(dashboard.Page.Locator("pre.data")).ToHaveTextAsync("payload of bad-edit");
    }

    [Fact]
    public async Task Clearing_the_end_time_sends_zero_and_the_task_has_none()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output);
        var end = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds();
        var id = await dashboard.Api.AddTaskAsync(new { name = "ending-task", type = 2, data = "tick", loop_time = 3600, end_time = end });
        await dashboard.OpenAsync($"#/tasks/{id}");
        var notAfter = dashboard.Page.Locator(".facts dt", new() { HasText = "Not after" }).Locator("xpath=following-sibling::dd[1]");
        await Expect(notAfter).Not.ToHaveTextAsync("—");

        var form = await OpenEditorAsync(dashboard);
        var endField = form.GetByLabel("Not after", new() { Exact = false });
        // The end as a date and time in the viewer's zone (New York), to the second.
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(end), TimeZoneInfo.FindSystemTimeZoneById(DashboardSession.ViewerZone));
        await Expect(endField).ToHaveValueAsync(new Regex("^" + Regex.Escape(local.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture))));
        await Expect(form.GetByLabel("Seconds between fires")).ToHaveValueAsync("3600");
        await endField.FillAsync("");
        var change = await SaveAsync(dashboard, form);

        Assert.Equal("""{"end_time":0}""", change.GetRawText());
        await Expect(notAfter).ToHaveTextAsync("—");
        Assert.Equal(0, (await dashboard.Api.SendAsync(HttpMethod.Get, $"tasks/{id}")).GetProperty("end_time").GetInt64());
        dashboard.AssertNoScriptErrors();
    }

    /// <summary>Adds a task firing daily at 09:30 in Berlin and opens its page.</summary>
    private static async Task<string> OpenDailyTaskAsync(DashboardSession dashboard, string name)
    {
        var id = await dashboard.Api.AddDailyAsync(name);
        await dashboard.OpenAsync($"#/tasks/{id}");
        return id;
    }

    /// <summary>Clicks Edit and returns the open edit form.</summary>
    internal static async Task<ILocator> OpenEditorAsync(DashboardSession dashboard)
    {
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Edit", Exact = true }).ClickAsync();
        var form = dashboard.Page.GetByRole(AriaRole.Dialog);
        await Expect(form).ToBeVisibleAsync();
        return form;
    }

    /// <summary>Saves the form and returns the PATCH body the dashboard sent; waits until the form is gone.</summary>
    private static async Task<JsonElement> SaveAsync(DashboardSession dashboard, ILocator form)
    {
        var request = await dashboard.Page.RunAndWaitForRequestAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync(),
            r => r.Method == "PATCH");
        await Expect(form).ToHaveCountAsync(0);
        return JsonDocument.Parse(request.PostData!).RootElement.Clone();
    }

    private static Regex BerlinAt(string time) => new($@"^\d{{4}}-\d\d-\d\d {Regex.Escape(time)}:00 GMT\+[12]$");
}
