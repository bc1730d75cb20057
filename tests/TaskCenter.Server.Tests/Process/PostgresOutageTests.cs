using System.Net;
using System.Text.Json;
using TaskCenter.Server.Tests.Queue;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Process;

/// <summary>
/// The database stopped and started again under a running server: while it is down the API and /readyz answer 503
/// (/healthz, the liveness probe, answers 200 and reports the storage unhealthy); once it is back everything recovers
/// by itself, and a fire that fell due during the outage is delivered.
/// </summary>
public sealed class PostgresOutageTests
{
    private const string Group = "outage-group";
    private const string Name = "due-in-outage";

    [Fact]
    public async Task The_api_answers_503_while_the_database_is_down_and_a_fire_due_meanwhile_is_delivered_once_it_is_back()
    {
        // A PostgreSQL server of the test's own: the test stops it.
        await using var postgres = await PostgresServer.StartAsync();
        await using var server = await RunningServer.StartAsync(backend: TestBackend.Postgres, servers: new BackendServers(Postgres: postgres));
        var http = server.Http;
        Assert.Empty(await http.ConsumeAsync(Group, Name, waitMs: 0)); // subscribes the group
        var fireTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3;
        var taskId = await http.AddNowAsync(Name, "before the outage", new { start_time = fireTime });
        var addDuringOutage = Json(new { name = Name, type = 1, data = "added after the outage" });

        await postgres.StopAsync();

        // Every call answers 503 until the task's fire time has passed with the database down.
        do
        {
            AssertError(await http.PostJsonAsync("/v1/api/task", addDuringOutage), HttpStatusCode.ServiceUnavailable, "the database is unavailable");
            var (healthStatus, health) = await http.GetJsonAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, healthStatus);
            Assert.Equal("unhealthy", Status(health));
            Assert.Equal("unhealthy", Status(health.GetProperty("checks").GetProperty("storage")));
            var (readyStatus, ready) = await http.GetJsonAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
            Assert.Equal("unhealthy", Status(ready.GetProperty("checks").GetProperty("storage")));
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        while (DateTimeOffset.UtcNow.ToUnixTimeSeconds() <= fireTime);

        await postgres.StartAgainAsync();

        var (status, added) = await Waiting.PollAsync(() => http.PostJsonAsync("/v1/api/task", addDuringOutage), r => r.Status != HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches("^[0-9a-f]{24}$", added.GetProperty("taskid").GetString());
        var message = Assert.Single(await http.ConsumeAsync(Group, Name, waitMs: 30_000, max: 1));
        Assert.Equal((taskId, fireTime), (message.GetProperty("taskid").GetString(), message.GetProperty("fire_time").GetInt64()));
        Assert.Equal([message.Msgid()], await http.AckAsync(Group, message.Msgid()));
        var (healthy, _) = await Waiting.PollAsync(() => http.GetJsonAsync("/healthz"), h => Status(h.Body) == "ok");
        Assert.Equal(HttpStatusCode.OK, healthy);
        var (readyAgain, _) = await http.GetJsonAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, readyAgain);
    }

    private static string? Status(JsonElement part) => part.GetProperty("status").GetString();
}
