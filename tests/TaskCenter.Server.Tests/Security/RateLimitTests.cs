using System.Net;
using TaskCenter.Server.Tests.Metrics;
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

    [Fact]
    public async Task A_keys_own_rate_wins_over_its_roles_which_wins_over_every_clients()
    {
        var settings = TestKeys.Settings(("slow", "slow-key", "viewer"), ("fast", "fast-key", "viewer"), ("admin", "admin-key", "admin"));
        settings["Security:RateLimit:PermitsPerSecond"] = "1000";
        settings["Security:RateLimit:Roles:viewer:PermitsPerSecond"] = "1";
        settings["Security:RateLimit:Roles:viewer:Burst"] = "2";
        settings["Security:ApiKeys:1:RateLimit:PermitsPerSecond"] = "0"; // no limit for this key

        await using var server = await RunningServer.StartAsync(settings);

        Assert.True(await RefusedWithinAsync(server, "slow-key", 20), "the viewer role's rate applies to a viewer key");
        Assert.False(await RefusedWithinAsync(server, "fast-key", 100), "a key's own rate (none) wins over its role's");
        Assert.False(await RefusedWithinAsync(server, "admin-key", 100), "the rate of every client applies to other roles");
    }

    [Fact]
    public async Task A_client_has_at_most_the_configured_consume_calls_in_flight()
    {
        // A server process of its own: its request gauge counts its own requests only (in-process servers share meters).
        var settings = TestKeys.Settings(("poller", "poller-key", "consumer"), ("other", "other-key", "consumer"), ("watcher", "watcher-key", "viewer"));
        settings["Security:RateLimit:MaxConcurrentConsumes"] = "2";
        var directory = TempDirectory.Create("taskcenter-consume-cap");
        try
        {
            await using var server = await ServerProcess.StartAsync(directory, [.. settings.Select(s => $"--{s.Key}={s.Value}")]);
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            using var watcher = new HttpClient { BaseAddress = server.BaseAddress };
            watcher.DefaultRequestHeaders.Authorization = new("Bearer", "watcher-key");
            const string longPoll = """{"group":"rl-group","tags":"rl-none","wait_ms":60000}""";
            using var stop = new CancellationTokenSource();
            var waiting = new[] { SendAsync(http, longPoll, "poller-key", stop.Token), SendAsync(http, longPoll, "poller-key", stop.Token) };
            await Waiting.PollAsync(
                () => PrometheusText.ScrapeAsync(watcher),
                metrics => metrics.Sum("http_server_active_requests", ("http_request_method", "POST")) == 2);

            // Both long polls wait: a third call of the same key is refused at once; another key is served.
            var refused = await http.SendAsync("POST", "/v1/api/consume", """{"group":"rl-group","tags":"rl-none"}""", "poller-key");
            var other = await http.SendAsync("POST", "/v1/api/consume", """{"group":"rl-other","tags":"rl-none"}""", "other-key");

            AssertError(refused.AsTuple(), HttpStatusCode.TooManyRequests, "too many consume calls in flight from this client (at most Security:RateLimit:MaxConcurrentConsumes)");
            Assert.Equal(HttpStatusCode.OK, other.Status);
            await stop.CancelAsync();
            await Task.WhenAll(waiting.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
            var afterwards = await Waiting.PollAsync(
                () => http.SendAsync("POST", "/v1/api/consume", """{"group":"rl-group","tags":"rl-none"}""", "poller-key"),
                response => response.Status != HttpStatusCode.TooManyRequests);
            Assert.Equal(HttpStatusCode.OK, afterwards.Status);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    private static async Task<bool> RefusedWithinAsync(RunningServer server, string key, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            if ((await server.Http.SendAsync("GET", "/v1/api/task/stat", null, key)).Status == HttpStatusCode.TooManyRequests)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task SendAsync(HttpClient http, string json, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/api/consume")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", key);
        using var response = await http.SendAsync(request, cancellationToken);
    }
}
