namespace TaskCenter.Dashboard.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DeadLetterTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Group = "dl-group";
    private const string Tag = "dl-tag";

    [Fact]
    public async Task Redrives_and_purges_selected_dead_letters_one_by_one()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output);
        var msgids = await DeadLettersAsync(dashboard, 3);

        await dashboard.OpenAsync("#/dead-letters");
        var page = dashboard.Page;
        await page.GetByLabel("Consumer group").FillAsync(Group);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Dead letters" }).Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.First).ToContainTextAsync("handler failed again");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Redrive selected" })).ToBeDisabledAsync();
        await dashboard.ScreenshotAsync("dead-letters");

        await page.GetByLabel($"Select {msgids[0]}").CheckAsync();
        await dashboard.ConfirmAsync(page.GetByRole(AriaRole.Button, new() { Name = "Redrive selected" }), "Redrive");
        await Expect(dashboard.Notice).ToContainTextAsync($"Redrove 1 dead letter(s) of {Group}.");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = msgids[0] })).ToHaveCountAsync(0);
        Assert.Equal([msgids[0]], await dashboard.Api.ConsumeAsync(Group, Tag, 1));

        await page.GetByLabel($"Select {msgids[1]}").CheckAsync();
        await dashboard.ConfirmAsync(page.GetByRole(AriaRole.Button, new() { Name = "Purge selected" }), "Purge");
        await Expect(dashboard.Notice).ToContainTextAsync($"Purged 1 dead letter(s) of {Group}.");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(msgids[2]);
        Assert.Equal([msgids[2]], await dashboard.Api.DeadLetterIdsAsync(Group));

        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Redrives_and_purges_all_dead_letters_of_a_group()
    {
        await using var dashboard = await DashboardSession.StartAsync(browser, output);
        var msgids = await DeadLettersAsync(dashboard, 2);
        await dashboard.OpenAsync($"#/dead-letters?group={Group}");
        var page = dashboard.Page;
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Dead letters" }).Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);

        await page.GetByLabel("Select all on this page").CheckAsync();
        await Expect(page.GetByText("2 selected")).ToBeVisibleAsync();
        await page.GetByLabel("Select all on this page").UncheckAsync();
        await Expect(page.GetByText("0 selected")).ToBeVisibleAsync();

        await dashboard.ConfirmAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Redrive all of {Group}" }), "Redrive all");
        await Expect(dashboard.Notice).ToContainTextAsync($"Redrove 2 dead letter(s) of {Group}.");
        await Expect(page.GetByText($"No dead letters in {Group}.")).ToBeVisibleAsync();

        // Dead again, then purged all at once.
        Assert.Equal(msgids.Order(), (await dashboard.Api.MakeDeadLettersAsync(Group, Tag, 2)).Order());
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await dashboard.ConfirmAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Purge all of {Group}" }), "Purge all");
        await Expect(dashboard.Notice).ToContainTextAsync($"Purged 2 dead letter(s) of {Group}.");
        await Expect(page.GetByText($"No dead letters in {Group}.")).ToBeVisibleAsync();
        Assert.Empty(await dashboard.Api.DeadLetterIdsAsync(Group));

        dashboard.AssertNoScriptErrors();
    }

    private static async Task<List<string>> DeadLettersAsync(DashboardSession dashboard, int count)
    {
        await dashboard.Api.SubscribeAsync(Group, Tag);
        for (var i = 0; i < count; i++)
        {
            await dashboard.Api.AddNowAsync(Tag, $"dead letter {i}");
        }

        var msgids = await dashboard.Api.MakeDeadLettersAsync(Group, Tag, count);
        Assert.Equal(msgids.Order(), (await dashboard.Api.DeadLetterIdsAsync(Group)).Order());
        return await dashboard.Api.DeadLetterIdsAsync(Group); // In the page's order.
    }
}
