namespace TaskCenter.Dashboard.Tests;

/// <summary>
/// The API reference (Scalar) under its Content-Security-Policy, in a real browser: it renders and lists the API's
/// operations, and the browser reports no refused script, style, font or request.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_reference_renders_and_lists_the_operations_under_its_content_security_policy()
    {
        await using var server = await RunningServer.StartAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);

        var response = await page.GotoAsync("api-reference/");

        Assert.Contains("script-src 'self' 'nonce-", response!.Headers["content-security-policy"], StringComparison.Ordinal);
        var sidebar = page.GetByRole(AriaRole.Complementary, new() { Name = "Sidebar for TaskCenter API" });
        await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "Add a task" })).ToBeVisibleAsync();
        foreach (var group in new[] { "TaskManagementEndpoints", "QueueEndpoints", "DeadLetterEndpoints", "CrontabEndpoints" })
        {
            await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = group, Exact = true })).ToBeVisibleAsync();
        }
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
