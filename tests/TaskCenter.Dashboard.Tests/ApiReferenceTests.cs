using System.Text.RegularExpressions;

namespace TaskCenter.Dashboard.Tests;

/// <summary>
/// The API reference (Scalar) under its Content-Security-Policy, in a real browser: it renders and lists the API's
/// operations by resource, shows no way to Scalar's hosted services, and the browser reports no refused script,
/// style, font or request.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_reference_renders_the_operations_by_resource_under_its_content_security_policy()
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
        // Grouped by resource, in the document's order.
        string[] tags = ["Tasks", "Task management", "Queue", "Groups", "Dead letters", "Crontab", "Operations"];
        var sections = sidebar.GetByRole(AriaRole.Link).Filter(new() { HasTextRegex = new Regex($"^({string.Join('|', tags)})$") });
        await Expect(sections).ToHaveTextAsync(tags);
        // The description's code shows as written, <key> too.
        await Expect(page.GetByText("Authorization: Bearer <key>", new() { Exact = true })).ToBeVisibleAsync();
        // Nothing on the page leads to Scalar's hosted services.
        foreach (var outside in new[] { "Deploy", "Ask AI", "Generate SDK" })
        {
            await Expect(page.GetByText(outside).Locator("visible=true")).ToHaveCountAsync(0);
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardSession.ScreenshotDirectory, "api-reference.png") });
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
