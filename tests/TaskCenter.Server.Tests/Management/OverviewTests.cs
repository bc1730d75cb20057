using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaskCenter.Core.Instances;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Management;

/// <summary>GET /overview: counts, this instance, fires per minute.</summary>
public abstract class OverviewTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task Counts_tasks_by_type_and_state()
    {
        var before = PausedIntervalTasks(await OverviewAsync());
        var id = await Http.AddAsync(new { name = TaskCalls.UniquePrefix("overview"), type = 2, data = "o", loop_time = 60, start_time = TaskCalls.Now + 3600 });
        await Http.ActAsync(id, "pause");

        // Counts are reused for Overview:CountMaxAge (5 s): wait for a fresh one.
        var overview = await Waiting.PollAsync(OverviewAsync, o => PausedIntervalTasks(o) > before);

        Assert.Equal(before + 1, PausedIntervalTasks(overview));
        Assert.Equal(fixture.Backend == TestBackend.Sqlite ? "Sqlite" : "Postgres", overview.GetProperty("storage").GetString());
        Assert.Equal(fixture.Backend == TestBackend.PostgresRabbitMq ? "RabbitMq" : "BuiltIn", overview.GetProperty("delivery").GetString());
    }

    [Fact]
    public async Task Lists_this_instance_alive_and_counts_its_fires_per_minute()
    {
        var id = await Http.AddAsync(new { name = TaskCalls.UniquePrefix("overview-fires"), type = 2, data = "f", loop_time = 3600, start_time = TaskCalls.Now + 3600 });
        var firedBefore = TotalFires(await OverviewAsync());
        await Http.ActAsync(id, "trigger");

        // Heartbeats come every 5 s; with RabbitMQ the first may come before the broker connection (health not yet ok).
        var overview = await Waiting.PollAsync(OverviewAsync, o => TotalFires(o) > firedBefore && SelfHealth(o) == "healthy");

        var self = Assert.Single(overview.GetProperty("instances").EnumerateArray(), i => i.GetProperty("self").GetBoolean());
        Assert.True(self.GetProperty("alive").GetBoolean());
        Assert.Equal("healthy", self.GetProperty("health").GetString());
        Assert.Equal(Environment.ProcessId, self.GetProperty("pid").GetInt32());
        var perMinute = overview.GetProperty("fires_per_minute");
        Assert.Equal(180, perMinute.GetProperty("counts").GetArrayLength());
        Assert.Equal(0, perMinute.GetProperty("first_minute_ms").GetInt64() % 60_000);
    }

    [Fact]
    public async Task An_instance_that_stopped_beating_is_listed_down_until_forgotten()
    {
        var registry = fixture.Server.Services.GetRequiredService<IInstanceRegistry>();
        var now = DateTimeOffset.UtcNow;
        var id = Guid.NewGuid().ToString("N")[..12];
        await registry.BeatAsync(
            new InstanceHeartbeat
            {
                Id = id,
                Host = "gone-host",
                ProcessId = 4242,
                Version = "0.9.0",
                StartedAt = now.AddHours(-1),
                SeenAt = now.AddMinutes(-2),
                Health = "healthy",
                Fires = MinuteCounts.Empty,
            },
            now.AddHours(-1),
            CancellationToken.None);

        var gone = Assert.Single((await OverviewAsync()).GetProperty("instances").EnumerateArray(), i => i.GetProperty("id").GetString() == id);

        Assert.False(gone.GetProperty("alive").GetBoolean());
        Assert.False(gone.GetProperty("self").GetBoolean());
        Assert.Equal("gone-host", gone.GetProperty("host").GetString());
    }

    [Fact]
    public async Task Lists_each_push_group_with_its_target_and_circuit_until_it_is_deleted()
    {
        var group = TaskCalls.UniquePrefix("overview-push");
        var url = $"http://127.0.0.1:5080/hooks/{group}";
        var (status, _) = await Http.PutJsonAsync($"/v1/api/groups/{group}", Json(new { tags = group, push = new { url } }));
        Assert.Equal(HttpStatusCode.Created, status);

        var listed = Assert.Single((await OverviewAsync()).GetProperty("push_groups").EnumerateArray(), g => g.GetProperty("group").GetString() == group);

        Assert.Equal((url, "closed", JsonValueKind.Null), (
            listed.GetProperty("url").GetString(), listed.GetProperty("circuit").GetString(), listed.GetProperty("last_error").ValueKind));
        Assert.Equal(HttpStatusCode.OK, (await Http.DeleteJsonAsync($"/v1/api/groups/{group}")).Status);
        Assert.DoesNotContain(group, (await OverviewAsync()).GetProperty("push_groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
    }

    private async Task<JsonElement> OverviewAsync()
    {
        var (status, body) = await Http.GetJsonAsync("/v1/api/overview");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private static long PausedIntervalTasks(JsonElement overview) =>
        overview.GetProperty("tasks").EnumerateArray()
            .Where(t => t.GetProperty("type").GetInt32() == 2 && t.GetProperty("state").GetString() == "paused")
            .Sum(t => t.GetProperty("count").GetInt64());

    private static string? SelfHealth(JsonElement overview) =>
        overview.GetProperty("instances").EnumerateArray()
            .Where(i => i.GetProperty("self").GetBoolean())
            .Select(i => i.GetProperty("health").GetString())
            .FirstOrDefault();

    private static long TotalFires(JsonElement overview) =>
        overview.GetProperty("fires_per_minute").GetProperty("counts").EnumerateArray().Sum(c => c.GetInt64());
}

public sealed class OverviewTestsOnSqlite(SqliteServerFixture fixture) : OverviewTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class OverviewTestsOnPostgres(PostgresServerFixture fixture) : OverviewTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class OverviewTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : OverviewTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
