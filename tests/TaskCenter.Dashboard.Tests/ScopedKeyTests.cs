namespace TaskCenter.Dashboard.Tests;

/// <summary>The dashboard with a key scoped to one team: it shows that team's tasks, groups and figures only.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScopedKeyTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string AdminKey = "dashboard-admin-key-30d1";
    private const string BillingKey = "dashboard-billing-key-e27c";

    private static readonly Dictionary<string, string?> Keys = new()
    {
        ["Security:ApiKeys:0:Name"] = "admin",
        ["Security:ApiKeys:0:Key"] = AdminKey,
        ["Security:ApiKeys:0:Role"] = "admin",
        ["Security:ApiKeys:1:Name"] = "billing",
        ["Security:ApiKeys:1:Key"] = BillingKey,
        ["Security:ApiKeys:1:Role"] = "viewer",
        ["Security:ApiKeys:1:Scopes:Tasks"] = "billing.*",
        ["Security:ApiKeys:1:Scopes:Groups"] = "billing-*",
        ["Overview:CountMaxAge"] = "00:00:00",
    };

    [Fact]
    public async Task A_scoped_key_sees_its_own_tasks_groups_and_counts_only()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output, Keys, apiKey: AdminKey);
        var billing = await dashboard.Api.AddDailyAsync("billing.invoice");
        var shipping = await dashboard.Api.AddDailyAsync("shipping.label");
        await dashboard.Api.SubscribeAsync("billing-workers", "billing.invoice");
        await dashboard.Api.SubscribeAsync("shipping-workers", "shipping.label");
        var page = dashboard.Page;

        await dashboard.OpenAsync("#/");
        await page.GetByLabel("API key").FillAsync(BillingKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();

        // The overview: one pending task (billing's), billing's group, and no server-wide parts.
        await Expect(page.Locator(".scope")).ToContainTextAsync("task names billing.* and consumer groups billing-* only");
        await Expect(page.Locator("[data-tile='pending'] .tile-value")).ToHaveTextAsync("1");
        var backlog = page.GetByRole(AriaRole.Table, new() { Name = "Delivery backlog" });
        await Expect(backlog).ToContainTextAsync("billing-workers");
        await Expect(backlog).Not.ToContainTextAsync("shipping-workers");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Server instances" })).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-tile='unrouted fires']")).ToHaveCountAsync(0);
        await dashboard.ScreenshotAsync("scoped-overview");

        // The task list holds billing's task only; shipping's task, opened by id, is missing.
        await dashboard.OpenAsync("#/tasks");
        var list = page.GetByRole(AriaRole.Table);
        await Expect(list).ToContainTextAsync("billing.invoice");
        await Expect(list).Not.ToContainTextAsync("shipping.label");
        await dashboard.OpenAsync($"#/tasks/{billing}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "billing.invoice" })).ToBeVisibleAsync();
        await dashboard.OpenAsync($"#/tasks/{shipping}");
        await Expect(page.GetByText($"no task with taskid {shipping}")).ToBeVisibleAsync();

        dashboard.AssertNoScriptErrors();
    }
}
