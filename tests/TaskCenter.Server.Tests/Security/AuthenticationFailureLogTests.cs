using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using TaskCenter.Server.Security;
using TaskCenter.Server.Tests.Metrics;
using TaskCenter.Testing;

namespace TaskCenter.Server.Tests.Security;

/// <summary>
/// Refused keys are logged without a flood of them flooding the log: one line per key a minute (by fingerprint, never
/// the key), at most <see cref="AuthenticationFailureLog.KeysLoggedPerMinute"/> keys a minute and one line summing up
/// the rest; each refusal counted in <c>taskcenter_auth_failures_total</c>; nothing logged for requests the rate limiter
/// answered or that needed no key. On a fake clock, so the minute is moved on, not waited for.
/// </summary>
public sealed class AuthenticationFailureLogTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
    private RunningServer _server = null!;

    private IEnumerable<LogEntry> Lines => _server.Logs.Entries.Where(e => e.Category == typeof(AuthenticationFailureLog).FullName);

    public async Task InitializeAsync()
    {
        var settings = TestKeys.OnePerRole();
        settings["Logging:LogLevel:TaskCenter.Server.Security"] = "Information";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
        _server = await RunningServer.StartAsync(settings, time: _clock);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_flood_with_one_wrong_key_logs_one_line_a_minute_naming_its_fingerprint_and_counts_every_refusal()
    {
        const string WrongKey = "wrong-key-0b7d1";
        using var scraper = Client(TestKeys.Viewer);
        var before = await PrometheusText.ScrapeAsync(scraper);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("v1/api/task/stat", WrongKey));
        }

        var line = Assert.Single(Lines);
        Assert.Contains(AuthenticationFailureLog.Fingerprint(WrongKey), line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Message.Contains(WrongKey, StringComparison.Ordinal));
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Category == typeof(ApiKeyAuthenticationHandler).FullName
            || e.Category.StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal)
            || e.Category.StartsWith("Microsoft.AspNetCore.Authorization", StringComparison.Ordinal));
        var after = await PrometheusText.ScrapeAsync(scraper);
        Assert.True(after.Sum("taskcenter_auth_failures_total", ("reason", "unknown")) - before.Sum("taskcenter_auth_failures_total", ("reason", "unknown")) >= 50);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains(Lines, e => e.Message.StartsWith("Refused 49 more requests", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("v1/api/task/stat", WrongKey));
        Assert.Equal(2, Lines.Count(e => e.Message.Contains(AuthenticationFailureLog.Fingerprint(WrongKey), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Many_keys_log_a_bounded_number_of_lines_a_minute_and_one_summing_up_the_rest()
    {
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("v1/api/task/stat", $"random-key-{i}"));
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("v1/api/task/stat", key: null));
        }

        Assert.Equal(AuthenticationFailureLog.KeysLoggedPerMinute, Lines.Count());
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains(Lines, e => e.Message.StartsWith($"Refused {35 - AuthenticationFailureLog.KeysLoggedPerMinute} more requests", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_the_rate_limiter_refused_and_requests_that_need_no_key_log_nothing()
    {
        var settings = TestKeys.OnePerRole();
        settings["Logging:LogLevel:TaskCenter.Server.Security"] = "Information";
        settings["Security:RateLimit:PermitsPerSecond"] = "1";
        settings["Security:RateLimit:Burst"] = "2";
        await using var server = await RunningServer.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "flooding-key");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var api = await http.GetAsync(new Uri("v1/api/task/stat", UriKind.Relative));
            using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative));
            statuses.Add(api.StatusCode);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Single(server.Logs.Entries, e => e.Category == typeof(AuthenticationFailureLog).FullName);
    }

    private HttpClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = _server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private async Task<HttpStatusCode> GetAsync(string path, string? key)
    {
        using var http = Client(key);
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }
}
