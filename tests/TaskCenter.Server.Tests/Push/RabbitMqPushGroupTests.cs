using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TaskCenter.Server.Tests.Queue;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Push;

/// <summary>
/// Push groups when the server delivers through RabbitMQ (PostgreSQL, a real broker, a real receiver on loopback): the
/// server consumes the group's queue itself, acks what the receiver took, retries through the delay queues with the
/// same webhook-id, and dead-letters into its storage what the receiver always refuses.
/// </summary>
public sealed class RabbitMqPushGroupTests : IAsyncLifetime
{
    private RunningServer _server = null!;
    private PushReceiver _receiver = null!;

    private HttpClient Http => _server.Http;

    private RabbitMqEndpoint Broker => _server.RabbitMq!;

    public async Task InitializeAsync()
    {
        _receiver = await PushReceiver.StartAsync();
        _server = await RunningServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Queue:RetryDelays:0"] = "00:00:00.200",
                ["Queue:RetryDelays:1"] = "00:00:00.400",
                ["Queue:MaxRetries"] = "2",
                ["Push:CircuitBreak"] = "00:00:01",
            },
            backend: TestBackend.PostgresRabbitMq);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_push_group_on_a_tag_prefix_is_refused_since_no_queue_binding_can_express_it()
    {
        AssertError(
            await Http.PutJsonAsync("/v1/api/groups/rabbit-push-prefix", Json(new { tags = "billing.*", push = new { url = _receiver.Url() } })),
            HttpStatusCode.BadRequest,
            "tags: the tag pattern 'billing.*' cannot be consumed over RabbitMQ");
        AssertError(await Http.GetJsonAsync("/v1/api/groups/rabbit-push-prefix"), HttpStatusCode.NotFound, "rabbit-push-prefix");
    }

    [Fact]
    public async Task A_fire_is_posted_signed_and_acked_leaving_the_groups_queue_empty()
    {
        var secret = await DeclarePushGroupAsync("rabbit-push-deliver", "rabbit-deliver");
        await GroupQueues.WaitUntilConsumedAsync(Broker, "rabbit-push-deliver");

        var taskId = await Http.AddNowAsync("rabbit-deliver", """{"n":1}""");
        var pushed = await _receiver.Received.NextAsync();

        Assert.Equal("""{"n":1}""", pushed.Text);
        Assert.Equal(taskId, pushed.Header("taskcenter-taskid"));
        Assert.Equal("1", pushed.Header("taskcenter-attempt"));
        Assert.True(pushed.IsSignedWith(secret));
        Assert.Equal(0u, await MessagesLeftAfterDeleteAsync("rabbit-push-deliver"));
        Assert.False(_receiver.Received.Reader.TryRead(out var again), $"pushed again: {again?.Text}");
    }

    [Fact]
    public async Task A_receiver_failing_twice_gets_the_message_three_times_with_one_webhook_id_and_it_is_acked()
    {
        await DeclarePushGroupAsync("rabbit-push-flaky", "rabbit-flaky");
        await GroupQueues.WaitUntilConsumedAsync(Broker, "rabbit-push-flaky");
        var answered = 0;
        _receiver.Answer = _ => Task.FromResult(Interlocked.Increment(ref answered) <= 2
            ? Results.Text("database locked", statusCode: StatusCodes.Status500InternalServerError)
            : Results.NoContent());

        var taskId = await Http.AddNowAsync("rabbit-flaky", "{}");
        var pushes = await _receiver.Received.NextAsync(3);

        Assert.Single(pushes.Select(push => push.Header("webhook-id")).Distinct());
        Assert.Equal(["1", "2", "3"], pushes.Select(push => push.Header("taskcenter-attempt")));
        // The broker holds the message: the fire history tells its delivery from the push attempts.
        var delivery = await Waiting.PollAsync(
            async () => (await Http.GetJsonAsync($"/v1/api/tasks/{taskId}/fires")).Body.GetProperty("fires")[0].GetProperty("deliveries")
                .EnumerateArray().FirstOrDefault(d => d.GetProperty("group").GetString() == "rabbit-push-flaky"),
            d => d.ValueKind == JsonValueKind.Object && d.GetProperty("state").GetString() == "acked" && d.GetProperty("attempts").GetInt32() == 3);
        Assert.Equal([500, 500, 204], delivery.GetProperty("pushes").EnumerateArray().Select(push => push.GetProperty("status").GetInt32()));
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(0u, await MessagesLeftAfterDeleteAsync("rabbit-push-flaky"));
        Assert.Empty(await DeadLettersAsync("rabbit-push-flaky"));
    }

    [Fact]
    public async Task A_receiver_always_failing_leaves_the_message_in_the_dead_letters_with_its_answer_as_error()
    {
        await DeclarePushGroupAsync("rabbit-push-dead", "rabbit-dead");
        await GroupQueues.WaitUntilConsumedAsync(Broker, "rabbit-push-dead");
        _receiver.Answer = _ => Task.FromResult(Results.Text("no such invoice", statusCode: StatusCodes.Status422UnprocessableEntity));

        var taskId = await Http.AddNowAsync("rabbit-dead", "{}");
        var pushes = await _receiver.Received.NextAsync(3);
        var letters = await Waiting.PollAsync(() => DeadLettersAsync("rabbit-push-dead"), found => found.Count > 0);

        var letter = Assert.Single(letters);
        Assert.Equal(taskId, letter.GetProperty("taskid").GetString());
        Assert.Equal(pushes[0].Header("webhook-id"), letter.Msgid());
        Assert.Equal(3, letter.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 422: no such invoice", letter.GetProperty("last_error").GetString());
        Assert.Equal(0u, await MessagesLeftAfterDeleteAsync("rabbit-push-dead"));
    }

    [Fact]
    public async Task A_429_with_Retry_After_puts_the_next_push_at_that_time_through_the_delay_queues()
    {
        await DeclarePushGroupAsync("rabbit-push-busy", "rabbit-busy");
        await GroupQueues.WaitUntilConsumedAsync(Broker, "rabbit-push-busy");
        var answered = 0;
        _receiver.Answer = _ => Task.FromResult(Interlocked.Increment(ref answered) == 1
            ? PushReceiver.RetryLater(2)
            : Results.NoContent());

        await Http.AddNowAsync("rabbit-busy", "{}");
        var pushes = await _receiver.Received.NextAsync(2);

        Assert.Equal(pushes[0].Header("webhook-id"), pushes[1].Header("webhook-id"));
        Assert.Equal("2", pushes[1].Header("taskcenter-attempt"));
        // The ladder's first delay is 200 ms; the receiver asked for 2 s.
        Assert.True(pushes[1].ReceivedAt - pushes[0].ReceivedAt >= TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(50),
            $"pushed again {pushes[1].ReceivedAt - pushes[0].ReceivedAt} after the 429");
        Assert.Equal(0u, await MessagesLeftAfterDeleteAsync("rabbit-push-busy"));
    }

    [Fact]
    public async Task A_target_that_is_down_opens_its_circuit_and_its_messages_wait_in_the_queue_until_it_is_back()
    {
        await using var down = await PushReceiver.StartAsync();
        await down.DownAsync();
        await DeclarePushGroupAsync("rabbit-push-down", "rabbit-down", down.Url());
        await GroupQueues.WaitUntilConsumedAsync(Broker, "rabbit-push-down");
        for (var i = 0; i < 6; i++)
        {
            await Http.AddNowAsync("rabbit-down", $"{{\"n\":{i}}}");
        }

        var open = await Waiting.PollAsync(
            async () => (await Http.GetJsonAsync("/v1/api/groups/rabbit-push-down")).Body.GetProperty("push"),
            push => push.GetProperty("circuit").GetString() == "open");
        Assert.StartsWith("request failed: ", open.GetProperty("last_error").GetString(), StringComparison.Ordinal);

        await down.UpAsync();
        var delivered = await down.Received.NextAsync(6);

        Assert.Equal(6, delivered.Select(push => push.Text).Distinct().Count());
        Assert.Empty(await DeadLettersAsync("rabbit-push-down"));
        Assert.Equal(0u, await MessagesLeftAfterDeleteAsync("rabbit-push-down"));
    }

    private Task<string> DeclarePushGroupAsync(string group, string tags, string? url = null) =>
        Http.DeclarePushGroupAsync(group, tags, url ?? _receiver.Url());

    /// <summary>The messages left in the group's queue once the group is deleted and its pusher stopped (unacked ones are back by then).</summary>
    private async Task<uint> MessagesLeftAfterDeleteAsync(string group)
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.DeleteJsonAsync($"/v1/api/groups/{group}")).Status);
        return await GroupQueues.CountLeftAsync(Broker, group);
    }

    private async Task<List<JsonElement>> DeadLettersAsync(string group)
    {
        var (status, body) = await Http.GetJsonAsync("/v1/api/dead-letters?group=" + group);
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.GetProperty("dead_letters").EnumerateArray()];
    }
}
