using System.Text.RegularExpressions;

namespace TaskCenter.Server.Tests.Http;

/// <summary>
/// Every answer says <c>X-Content-Type-Options: nosniff</c>, whatever wrote it; the pages (API reference, dashboard)
/// run under a Content-Security-Policy that allows this server's scripts only.
/// </summary>
public sealed partial class ResponseHeaderTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private HttpClient Http => fixture.Server.Http;

    [Theory]
    [InlineData("GET", "v1/api/task/stat")]
    [InlineData("GET", "v1/api/no-such-path")]
    [InlineData("DELETE", "v1/api/task/stat")]
    [InlineData("POST", "v1/api/task")]
    [InlineData("GET", "v1/api/tasks/not-an-id")]
    [InlineData("GET", "healthz")]
    [InlineData("GET", "readyz")]
    [InlineData("GET", "metrics")]
    [InlineData("GET", "openapi/v1.json")]
    [InlineData("GET", "api-reference/")]
    [InlineData("GET", "api-reference/scalar.js")]
    [InlineData("GET", "dashboard/")]
    [InlineData("GET", "dashboard/js/app.js")]
    public async Task Every_answer_says_nosniff(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        using var response = await Http.SendAsync(request);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_api_reference_allows_only_this_servers_scripts_and_its_own_inline_one_by_a_fresh_nonce()
    {
        var (policy, html) = await PageAsync("api-reference/");
        var (second, _) = await PageAsync("api-reference/");

        var nonce = Nonce().Match(policy).Groups[1].Value;
        Assert.StartsWith("default-src 'self'; script-src 'self' 'nonce-", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, $"<script [^>]*nonce=\"{Regex.Escape(nonce)}\""));
        Assert.NotEqual(nonce, Nonce().Match(second).Groups[1].Value);
    }

    [Fact]
    public async Task The_dashboard_allows_only_this_servers_scripts()
    {
        var (policy, _) = await PageAsync("dashboard/");

        Assert.StartsWith("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
    }

    private async Task<(string Policy, string Html)> PageAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        return (Assert.Single(response.Headers.GetValues("Content-Security-Policy")), await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
