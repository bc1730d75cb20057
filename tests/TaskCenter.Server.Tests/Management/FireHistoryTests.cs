using System.Net;
using System.Text.Json;
using TaskCenter.Server.Tests.Queue;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Management;

/// <summary>GET /tasks/{id}/fires on the built-in queue: what became of each fire, per group.</summary>
public abstract class FireHistoryTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task An_acked_fire_shows_its_group_attempts_delivery_time_and_lateness()
    {
        var (id, message) = await FireAndReceiveAsync("history-ack");
        await Http.AckAsync("history-ack", message.Msgid());

        var fire = Assert.Single(await FiresAsync(id));

        Assert.Equal(message.Msgid(), fire.GetProperty("msgid").GetString());
        var delivery = Assert.Single(fire.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("history-ack", delivery.GetProperty("group").GetString());
        Assert.Equal("acked", delivery.GetProperty("state").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        var fireTime = fire.GetProperty("fire_time_ms").GetInt64();
        var deliveredAt = delivery.GetProperty("first_delivered_at_ms").GetInt64();
        Assert.Equal(deliveredAt - fireTime, delivery.GetProperty("lateness_ms").GetInt64());
        Assert.True(delivery.GetProperty("done_at_ms").GetInt64() >= deliveredAt);
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("last_error").ValueKind);
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("available_at_ms").ValueKind);
    }

    [Fact]
    public async Task A_nacked_fire_shows_the_error_and_when_its_retry_is_of_how_many_attempts()
    {
        var (id, message) = await FireAndReceiveAsync("history-nack");
        var nackedFrom = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (status, _) = await Http.PostJsonAsync("/v1/api/nack", Json(new { group = "history-nack", msgid = message.Msgid(), error = "handler exploded" }));
        var nackedBy = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Equal(HttpStatusCode.OK, status);

        var (_, page) = await Http.GetJsonAsync($"/v1/api/tasks/{id}/fires");
        var delivery = Assert.Single(Assert.Single(page.GetProperty("fires").EnumerateArray()).GetProperty("deliveries").EnumerateArray());

        Assert.Equal("ready", delivery.GetProperty("state").GetString());
        Assert.Equal("handler exploded", delivery.GetProperty("last_error").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        // The first retry waits the first of RocketMQ's delay levels, 10 s; a message gets 16 retries after its first delivery.
        Assert.InRange(delivery.GetProperty("available_at_ms").GetInt64(), nackedFrom + 10_000, nackedBy + 10_000);
        Assert.Equal(17, page.GetProperty("max_attempts").GetInt32());
    }

    [Fact]
    public async Task A_fire_no_group_subscribed_to_is_shown_unrouted()
    {
        var name = TaskCalls.UniquePrefix("history-unrouted");
        var id = await Http.AddAsync(new { name, type = 2, data = "u", loop_time = 3600, start_time = TaskCalls.Now + 3600 });
        await Http.ActAsync(id, "trigger");

        var fire = Assert.Single(await FiresAsync(id));

        Assert.True(fire.GetProperty("unrouted").GetBoolean());
        Assert.Empty(fire.GetProperty("deliveries").EnumerateArray());
    }

    [Fact]
    public async Task History_pages_latest_first()
    {
        var name = TaskCalls.UniquePrefix("history-pages");
        var id = await Http.AddAsync(new { name, type = 2, data = "p", loop_time = 3600, start_time = TaskCalls.Now + 3600 });
        var msgids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            // Two triggers in one millisecond would share a fire time; the server then records the second a moment later.
            msgids.Add((await Http.ActAsync(id, "trigger")).GetProperty("msgid").GetString()!);
        }

        var (_, first) = await Http.GetJsonAsync($"/v1/api/tasks/{id}/fires?limit=2");
        var next = first.GetProperty("next").GetInt64();
        var (_, second) = await Http.GetJsonAsync($"/v1/api/tasks/{id}/fires?limit=2&before={next}");

        var listed = first.GetProperty("fires").EnumerateArray().Concat(second.GetProperty("fires").EnumerateArray()).ToList();
        Assert.Equal(Enumerable.Reverse(msgids), listed.Select(f => f.GetProperty("msgid").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    /// <summary>Subscribes the group to a fresh tag, adds a one-shot task of it and receives its fire.</summary>
    private async Task<(string TaskId, JsonElement Message)> FireAndReceiveAsync(string group)
    {
        var name = TaskCalls.UniquePrefix(group);
        await Http.ConsumeAsync(group, name, waitMs: 0);
        var id = await Http.AddNowAsync(name, "payload");
        return (id, Assert.Single(await Http.ConsumeAllAsync(group, name, 1)));
    }

    private async Task<List<JsonElement>> FiresAsync(string id)
    {
        var (status, body) = await Http.GetJsonAsync($"/v1/api/tasks/{id}/fires");
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.GetProperty("fires").EnumerateArray()];
    }
}

public sealed class FireHistoryTestsOnSqlite(SqliteServerFixture fixture) : FireHistoryTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class FireHistoryTestsOnPostgres(PostgresServerFixture fixture) : FireHistoryTests(fixture), IClassFixture<PostgresServerFixture>;
