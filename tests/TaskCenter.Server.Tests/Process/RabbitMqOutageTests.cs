using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Process;

/// <summary>
/// The broker stopped and started again while a server on PostgreSQL fires every ~125 ms to an SDK consumer reading
/// from RabbitMQ: the server keeps recording fires and says it is not ready; once the broker is back every fire arrives,
/// none was produced twice, and the fires that waited are published in fire-time order.
/// </summary>
public sealed class RabbitMqOutageTests
{
    private const string Name = "outage";
    private const string Group = "outage-group";
    private const int Tasks = 8;
    private const int FiresPerTask = 12;

    [Fact]
    public async Task Fires_recorded_while_the_broker_is_down_all_arrive_once_in_fire_time_order_when_it_is_back()
    {
        // A broker of the test's own: the test stops it.
        await using var broker = await RabbitMqServer.StartAsync();
        await using var server = await RunningServer.StartAsync(backend: TestBackend.PostgresRabbitMq, servers: new BackendServers(RabbitMq: broker));
        var endpoint = server.RabbitMq!;
        var received = new ConcurrentQueue<Delivery>();
        // One handler at a time: deliveries are recorded in the order the broker hands them out.
        await using var consumer = SdkConsumers.OverRabbitMq(endpoint, Group, maxConcurrency: 1);
        consumer.Register(Name, (context, _) =>
        {
            received.Enqueue(new Delivery(context.MsgId, context.TaskId, context.FireTime));
            return Task.CompletedTask;
        });
        await consumer.StartAsync();
        await GroupQueues.WaitUntilConsumedAsync(endpoint, Group);

        await AddStaggeredTasksAsync(server.Http);
        await Waiting.PollAsync(() => Task.FromResult(received.Count), count => count >= Tasks);

        await broker.StopAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        var (status, health) = await Waiting.PollAsync(() => server.Http.GetJsonAsync("/healthz"), h => Status(h.Body) == "unhealthy");
        Assert.Equal(HttpStatusCode.OK, status); // live: the broker's outage is no reason to restart the server
        Assert.Equal("unhealthy", Status(health.GetProperty("checks").GetProperty("rabbitmq")));
        Assert.Equal("ok", Status(health.GetProperty("checks").GetProperty("storage")));
        var (readyStatus, ready) = await server.Http.GetJsonAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("unhealthy", Status(ready.GetProperty("checks").GetProperty("rabbitmq")));
        var firedWhenDown = await FiredCountAsync(server.Http);
        await Waiting.PollAsync(() => FiredCountAsync(server.Http), fired => fired > firedWhenDown);
        var (_, stillDown) = await server.Http.GetJsonAsync("/healthz");
        Assert.Equal("unhealthy", Status(stillDown));
        Assert.True(FiresWaiting(stillDown) > 0, "no fire waits in the outbox while the broker is down");

        await broker.StartAgainAsync();
        var backAt = DateTimeOffset.UtcNow;
        await Waiting.PollAsync(() => FiredCountAsync(server.Http), fired => fired == Tasks * FiresPerTask);
        await Waiting.PollAsync(() => Task.FromResult(FirstDeliveries(received).Count), count => count == Tasks * FiresPerTask);
        await consumer.StopAsync();

        var firsts = FirstDeliveries(received);
        Assert.All(firsts.GroupBy(d => d.TaskId), fires =>
        {
            // Anchored to the first fire, one second apart, none missing.
            var times = fires.Select(d => d.FireTime).Order().ToList();
            Assert.Equal(Enumerable.Range(0, FiresPerTask).Select(k => times[0].AddSeconds(k)), times);
        });
        Assert.Equal(Tasks, firsts.Select(d => d.TaskId).Distinct().Count());
        // Redelivery keeps the msgid: one msgid per fire and one fire per msgid, so no fire was produced twice.
        Assert.All(received.GroupBy(d => (d.TaskId, d.FireTime)), fire => Assert.Single(fire.Select(d => d.MsgId).Distinct()));
        Assert.Equal(firsts.Count, received.Select(d => (d.TaskId, d.FireTime)).Distinct().Count());
        var waited = firsts.Where(d => d.FireTime >= stoppedAt && d.FireTime < backAt).Select(d => d.FireTime).ToList();
        Assert.True(waited.Count >= Tasks, $"only {waited.Count} fires waited for the broker");
        Assert.Equal(waited.Order(), waited);

        var (_, recovered) = await Waiting.PollAsync(() => server.Http.GetJsonAsync("/healthz"), h => Status(h.Body) == "ok");
        Assert.Equal(0, FiresWaiting(recovered));
    }

    /// <summary>Interval tasks firing every second, added ~125 ms apart so that together they fire every ~125 ms.</summary>
    private static async Task AddStaggeredTasksAsync(HttpClient http)
    {
        for (var i = 0; i < Tasks; i++)
        {
            var (status, _) = await http.PostJsonAsync(
                "/v1/api/task", Json(new { name = Name, type = 2, data = $"task {i}", loop_time = 1, loop_count = FiresPerTask }));
            Assert.Equal(HttpStatusCode.OK, status);
            await Task.Delay(TimeSpan.FromSeconds(1.0 / Tasks)); // spreads the tasks' first fires over a second
        }
    }

    private static async Task<long> FiredCountAsync(HttpClient http)
    {
        var (_, tasks) = await http.GetJsonAsync("/v1/api/query-task-by-name?name=" + Name);
        return tasks.EnumerateArray().Sum(task => task.GetProperty("fired_count").GetInt64());
    }

    /// <summary>Each fire's first delivery, in the order they arrived.</summary>
    private static List<Delivery> FirstDeliveries(IEnumerable<Delivery> received) => [.. received.DistinctBy(d => d.MsgId)];

    private static string? Status(JsonElement part) => part.GetProperty("status").GetString();

    private static long FiresWaiting(JsonElement health) =>
        long.Parse(health.GetProperty("checks").GetProperty("rabbitmq").GetProperty("data").GetProperty("fires_waiting").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Delivery(string MsgId, string TaskId, DateTimeOffset FireTime);
}
