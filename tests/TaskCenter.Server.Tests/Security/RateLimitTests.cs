using System.Net;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_flooding_client_gets_429_with_retry_after_while_another_client_is_served()
    {
        var settings = TestKeys.Settings(("flooder", "flooder-key", "viewer"), ("other", "other-key", "viewer"));
        settings["Security:RateLimit:PermitsPerSecond"] = "1";
        settings["Security:RateLimit:Burst"] = "2";
        await using var server = await RunningServer.StartAsync(settings);

        KeyedResponse? refused = null;
        for (var i = 0; i < 50 && refused is null; i++)
        {
            var response = await server.Http.SendAsync("GET", "/v1/api/task/stat", null, "flooder-key");
            refused = response.Status == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        AssertError(refused.AsTuple(), HttpStatusCode.TooManyRequests, "too many requests");
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds");
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync("GET", "/v1/api/task/stat", null, "other-key")).Status);
    }

    [Fact]
    public async Task By_default_there_is_no_limit()
    {
        await using var server = await RunningServer.StartAsync();

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync("GET", "/v1/api/task/stat", null, apiKey: null)).Status);
        }
    }
}
