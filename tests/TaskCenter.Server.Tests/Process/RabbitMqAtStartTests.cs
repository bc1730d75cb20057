using System.Net;
using System.Text.Json;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Process;

/// <summary>
/// Server processes on PostgreSQL and RabbitMQ started while one of them is down: live, not ready naming what is
/// missing, ready by themselves once it is back. No background service logs a failure while the storage is not ready
/// (they wait for it), and each outage is one warning.
/// </summary>
public sealed class RabbitMqAtStartTests : IAsyncLifetime
{
    private readonly string _dataDirectory = TempDirectory.Create("taskcenter-mq-start");

    [Fact]
    public async Task A_server_started_while_rabbitmq_is_down_serves_the_api_and_is_ready_by_itself_once_the_broker_runs()
    {
        // A broker of the test's own: it is down when the instance starts.
        await using var broker = await RabbitMqServer.StartAsync();
        var settings = await TestBackends.SettingsAsync(TestBackend.PostgresRabbitMq, new BackendServers(RabbitMq: broker));
        await broker.StopAsync();

        await using var server = await ServerProcess.StartAsync(_dataDirectory, settings.AsArguments());
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var (liveStatus, live) = await http.GetJsonAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("ok", Status(Check(live, "storage")));
        Assert.Equal("unhealthy", Status(Check(live, "rabbitmq")));
        var (readyStatus, ready) = await http.GetJsonAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("unhealthy", Status(Check(ready, "rabbitmq")));
        // The API works: the fire waits in the outbox.
        var (added, _) = await http.PostJsonAsync("/v1/api/task", Json(new { name = "during-the-outage", type = 1, data = "x" }));
        Assert.Equal(HttpStatusCode.OK, added);
        await Waiting.PollAsync(() => FiresWaitingAsync(http), waiting => waiting == 1);
        var warning = await Waiting.PollAsync(() => Task.FromResult(ServerLog.Warnings(server.Output)), warnings => warnings.Count > 0);

        await broker.StartAgainAsync();

        var (readyAgain, _) = await Waiting.PollAsync(() => http.GetJsonAsync("/readyz"), r => r.Status == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, readyAgain);
        await Waiting.PollAsync(() => FiresWaitingAsync(http), waiting => waiting == 0); // published and confirmed
        Assert.Contains("is unreachable", Assert.Single(warning), StringComparison.Ordinal);
        Assert.Equal(warning, ServerLog.Warnings(server.Output));
        ServerLog.AssertNoFailure(server.Output);
    }

    [Fact]
    public async Task No_background_service_logs_a_failure_while_the_database_is_not_ready_and_the_server_becomes_ready()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var settings = await TestBackends.SettingsAsync(TestBackend.PostgresRabbitMq, new BackendServers(Postgres: postgres));
        await postgres.StopAsync();

        await using var server = await ServerProcess.StartAsync(_dataDirectory, settings.AsArguments());
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        // Probes and the metrics scrape while the storage waits: each reads what it can, none logs.
        for (var probe = 0; probe < 3; probe++)
        {
            var (readyStatus, ready) = await http.GetJsonAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
            Assert.StartsWith("waiting for the database: ", Check(ready, "storage").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("fires_waiting", Check(ready, "rabbitmq").GetRawText(), StringComparison.Ordinal); // unknown yet
            using var metrics = await http.GetAsync(new Uri("metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        }

        await postgres.StartAgainAsync();

        var (readyAgain, _) = await Waiting.PollAsync(() => http.GetJsonAsync("/readyz"), r => r.Status == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, readyAgain);
        Assert.Contains("The storage is not ready: ", Assert.Single(ServerLog.Warnings(server.Output)), StringComparison.Ordinal);
        Assert.Contains(server.Output, line => line.Contains("Connected to RabbitMQ", StringComparison.Ordinal));
        ServerLog.AssertNoFailure(server.Output);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TempDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }

    private static JsonElement Check(JsonElement health, string name) => health.GetProperty("checks").GetProperty(name);

    private static string? Status(JsonElement check) => check.GetProperty("status").GetString();

    private static async Task<long> FiresWaitingAsync(HttpClient http)
    {
        var (_, health) = await http.GetJsonAsync("/healthz");
        return long.Parse(
            Check(health, "rabbitmq").GetProperty("data").GetProperty("fires_waiting").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
