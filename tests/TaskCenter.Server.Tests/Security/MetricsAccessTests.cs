using System.Net;
using System.Net.Http.Headers;

namespace TaskCenter.Server.Tests.Security;

/// <summary>With keys configured, <c>/metrics</c> (group names are operators' data) is read-only API: viewer and admin keys.</summary>
public sealed class MetricsAccessTests(KeyedServerFixture fixture) : IClassFixture<KeyedServerFixture>
{
    [Theory]
    [InlineData("viewer", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("consumer", HttpStatusCode.Forbidden)]
    [InlineData("producer", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Metrics_take_a_viewer_key(string? role, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Of(role));
        }

        using var response = await fixture.Server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("taskcenter_fires_total", text, StringComparison.Ordinal);
        }
    }
}
