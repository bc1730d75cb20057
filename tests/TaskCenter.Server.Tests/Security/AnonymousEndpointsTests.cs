using System.Net;

namespace TaskCenter.Server.Tests.Security;

/// <summary>With keys configured, the probes, the API's description and the dashboard's files still answer without a key; the API does not.</summary>
public sealed class AnonymousEndpointsTests(KeyedServerFixture fixture) : IClassFixture<KeyedServerFixture>
{
    [Theory]
    [InlineData("healthz", HttpStatusCode.OK)]
    [InlineData("readyz", HttpStatusCode.OK)]
    [InlineData("openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("api-reference/", HttpStatusCode.OK)]
    [InlineData("api-reference/scalar.js", HttpStatusCode.OK)]
    [InlineData("dashboard/", HttpStatusCode.OK)]
    [InlineData("dashboard/js/app.js", HttpStatusCode.OK)]
    [InlineData("v1/api/task/stat", HttpStatusCode.Unauthorized)]
    public async Task Without_a_key(string path, HttpStatusCode expected)
    {
        using var response = await fixture.Server.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }
}
