namespace TaskCenter.Dashboard.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ApiKeyTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string AdminKey = "dashboard-admin-key-1c9e";
    private const string ViewerKey = "dashboard-viewer-key-7a42";

    private static readonly Dictionary<string, string?> Keys = new()
    {
        ["Security:ApiKeys:0:Name"] = "admin",
        ["Security:ApiKeys:0:Key"] = AdminKey,
        ["Security:ApiKeys:0:Role"] = "admin",
        ["Security:ApiKeys:1:Name"] = "viewer",
        ["Security:ApiKeys:1:Key"] = ViewerKey,
        ["Security:ApiKeys:1:Role"] = "viewer",
    };

    [Fact]
    public async Task Asks_for_a_key_sends_it_and_shows_why_a_viewer_may_not_act()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output, Keys, apiKey: AdminKey);
        var id = await dashboard.Api.AddDailyAsync("keyed-task");
        var page = dashboard.Page;
        var keyForm = page.GetByRole(AriaRole.Heading, new() { Name = "API key" });
        var useKey = page.GetByRole(AriaRole.Button, new() { Name = "Use key" });

        await dashboard.OpenAsync("#/");
        await Expect(keyForm).ToBeVisibleAsync();
        await dashboard.ScreenshotAsync("api-key");

        await page.GetByLabel("API key").FillAsync("not-a-key");
        await useKey.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The key was refused");

        await page.GetByLabel("API key").FillAsync(ViewerKey);
        await useKey.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        Assert.Equal(ViewerKey, await page.EvaluateAsync<string>("sessionStorage.getItem('taskcenter.apiKey')"));

        // A viewer sees the task but may not pause it: the server's 403 message is shown.
        await dashboard.OpenAsync($"#/tasks/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "keyed-task" })).ToBeVisibleAsync();
        await dashboard.ConfirmAsync(page.GetByRole(AriaRole.Button, new() { Name = "Pause" }), "Pause");
        await Expect(dashboard.Notice).ToContainTextAsync("Pause failed");
        await Expect(dashboard.Notice).ToContainTextAsync("viewer");
        Assert.NotEqual("paused", (await dashboard.Api.SendAsync(HttpMethod.Get, $"tasks/{id}")).GetProperty("state").GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Forget API key" }).ClickAsync();
        await Expect(keyForm).ToBeVisibleAsync();

        dashboard.AssertNoScriptErrors();
    }
}
