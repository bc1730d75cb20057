using System.Net;
using TaskCenter.Server.Tests.Queue;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Metrics;

/// <summary>
/// <c>/metrics</c> after real traffic. Each test uses a group of its own, named after the backend too (the meter is the
/// process's, and the SQLite and PostgreSQL servers of these tests run side by side in one process), so its series hold
/// its events only; unlabelled counters are compared before and after.
/// </summary>
public abstract class MetricsTests(TestBackend backend) : IAsyncLifetime
{
    private RunningServer _server = null!;

    private HttpClient Http => _server.Http;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(
        new Dictionary<string, string?>
        {
            // One short retry, then the dead letters.
            ["Queue:RetryDelays:0"] = "00:00:00.050",
            ["Queue:MaxRetries"] = "1",
        },
        backend: backend);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Metrics_are_served_in_the_prometheus_text_format()
    {
        var scrape = await PrometheusText.ScrapeAsync(Http);

        Assert.StartsWith("text/plain", scrape.ContentType, StringComparison.Ordinal);
        Assert.Contains("version=0.0.4", scrape.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fires_deliveries_acks_nacks_retries_and_dead_letters_are_counted_by_group()
    {
        var groupName = $"metrics-group-{backend}";
        var tagName = $"metrics-tag-{backend}";
        await Http.ConsumeAsync(groupName, tagName, waitMs: 0);
        var before = await PrometheusText.ScrapeAsync(Http);

        await Http.AddNowAsync(tagName, "acked");
        await Http.AddNowAsync(tagName, "nacked");
        var firsts = await Http.ConsumeAllAsync(groupName, tagName, count: 2);
        Assert.Equal(2, firsts.Count);
        var acked = firsts.Single(m => m.GetProperty("data").GetString() == "acked").Msgid();
        var nacked = firsts.Single(m => m.GetProperty("data").GetString() == "nacked").Msgid();
        Assert.Equal([acked], await Http.AckAsync(groupName, acked));
        Assert.Equal("retrying", await NackAsync(groupName, nacked));
        var retry = Assert.Single(await Http.ConsumeAsync(groupName, tagName, max: 1));
        Assert.Equal(2, retry.GetProperty("attempt").GetInt32());
        Assert.Equal("dead", await NackAsync(groupName, nacked));

        var after = await PrometheusText.ScrapeAsync(Http);
        var group = ("group", groupName);
        Assert.True(after.Sum("taskcenter_fires_total") >= before.Sum("taskcenter_fires_total") + 2);
        Assert.Equal(3, after.Sum("taskcenter_queue_deliveries_total", group));
        Assert.Equal(1, after.Sum("taskcenter_queue_acks_total", group));
        Assert.Equal(2, after.Sum("taskcenter_queue_nacks_total", group));
        Assert.Equal(1, after.Sum("taskcenter_queue_retries_total", group));
        Assert.Equal(1, after.Sum("taskcenter_queue_dead_letters_total", group));
    }

    [Fact]
    public async Task Lateness_is_recorded_once_per_fire_at_its_first_hand_out()
    {
        var groupName = $"lateness-group-{backend}";
        var tagName = $"lateness-tag-{backend}";
        await Http.ConsumeAsync(groupName, tagName, waitMs: 0);

        await Http.AddNowAsync(tagName, "one");
        await Http.AddNowAsync(tagName, "two");
        var messages = await Http.ConsumeAllAsync(groupName, tagName, count: 2, leaseMs: 1000);
        Assert.Equal(2, messages.Count);
        // The lease runs out: the redelivery is late by design and is not counted again.
        var again = await Http.ConsumeAllAsync(groupName, tagName, count: 2);
        Assert.Equal(2, again.Count);

        var scrape = await PrometheusText.ScrapeAsync(Http);
        var group = ("group", groupName);
        Assert.Equal(2, scrape.Sum("taskcenter_fire_lateness_seconds_count", group));
        Assert.Equal(2, scrape.Sum("taskcenter_fire_lateness_seconds_bucket", group, ("le", "+Inf")));
        Assert.Equal(2, scrape.Sum("taskcenter_fire_lateness_seconds_bucket", group, ("le", "60")));
        Assert.InRange(scrape.Sum("taskcenter_fire_lateness_seconds_sum", group), 0, 120);
    }

    [Fact]
    public async Task Stored_tasks_and_each_groups_backlog_are_gauges_counted_at_the_scrape()
    {
        var groupName = $"backlog-group-{backend}";
        var tagName = $"backlog-tag-{backend}";
        await Http.ConsumeAsync(groupName, tagName, waitMs: 0);
        await Http.AddNowAsync(tagName, "waits");
        await Http.AddNowAsync(tagName, "held");
        var held = Assert.Single(await Http.ConsumeAsync(groupName, tagName, max: 1));

        // A scrape counts again once the last count is older than Overview:CountMaxAge (5 s).
        var scrape = await Waiting.PollAsync(
            () => PrometheusText.ScrapeAsync(Http),
            s => s.Sum("taskcenter_queue_backlog", ("group", groupName), ("state", "leased")) == 1
                && s.Sum("taskcenter_queue_backlog", ("group", groupName), ("state", "ready")) == 1
                && s.Sum("taskcenter_tasks", ("type", "once"), ("state", "finished")) >= 2);

        Assert.Equal(0, scrape.Sum("taskcenter_queue_backlog", ("group", groupName), ("state", "dead")));
        Assert.Equal(24, held.Msgid().Length);
    }

    [Fact]
    public async Task Api_requests_are_measured_by_route_template_not_by_raw_path()
    {
        await Http.GetJsonAsync("/v1/api/query-task-by-name?name=metrics-route-a");
        await Http.GetJsonAsync("/v1/api/query-task-by-name?name=metrics-route-b");

        var scrape = await PrometheusText.ScrapeAsync(Http);

        var route = ("http_route", "/v1/api/query-task-by-name");
        Assert.True(scrape.Sum("http_server_request_duration_seconds_count", route) >= 2);
        Assert.DoesNotContain(scrape.Samples, s => s.Labels.Values.Any(v => v.Contains("metrics-route-a", StringComparison.Ordinal)));
    }

    private async Task<string?> NackAsync(string group, string msgid)
    {
        var (status, body) = await Http.PostJsonAsync("/v1/api/nack", Json(new { group, msgid, error = "boom" }));
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("result").GetString();
    }
}

public sealed class MetricsTestsOnSqlite() : MetricsTests(TestBackend.Sqlite);

public sealed class MetricsTestsOnPostgres() : MetricsTests(TestBackend.Postgres);
