using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TaskCenter.Server.Tests.Metrics;
using TaskCenter.Server.Tests.Queue;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Push;

/// <summary>
/// Push groups end to end on the built-in queue: a real receiver on loopback gets each fire POSTed and signed; its
/// answers ack, retry on the ladder (short delays here), retry at its Retry-After, or dead-letter; a target that is
/// down is left alone by its circuit while its messages wait.
/// </summary>
public abstract class PushGroupTests(TestBackend backend) : IAsyncLifetime
{
    private static readonly string[] SomeMsgIds = ["x"];

    private RunningServer _server = null!;
    private PushReceiver _receiver = null!;

    private HttpClient Http => _server.Http;

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
            backend: backend);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_new_push_group_gets_a_generated_secret_shown_once_and_a_change_keeps_it()
    {
        var (status, created) = await DeclareAsync("push-declare", "declare.*", new { timeout_ms = 5000, max_concurrency = 4, headers = new { X_Team = "billing" } });

        Assert.Equal(HttpStatusCode.Created, status);
        var push = created.GetProperty("push");
        var secret = push.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(_receiver.Url(), push.GetProperty("url").GetString());
        Assert.Equal(5000, push.GetProperty("timeout_ms").GetInt64());
        Assert.Equal(4, push.GetProperty("max_concurrency").GetInt32());
        Assert.Equal("billing", push.GetProperty("headers").GetProperty("X_Team").GetString());
        Assert.Equal("closed", push.GetProperty("circuit").GetString());
        Assert.Equal("declare.*", created.GetProperty("tags").GetString());

        var (_, read) = await Http.GetJsonAsync("/v1/api/groups/push-declare");
        Assert.False(read.GetProperty("push").TryGetProperty("secret", out _));
        Assert.Equal("application/json", read.GetProperty("push").GetProperty("content_type").GetString());

        var (changedStatus, changed) = await DeclareAsync("push-declare", "declare.*", new { timeout_ms = 2000 });
        Assert.Equal(HttpStatusCode.OK, changedStatus);
        Assert.False(changed.GetProperty("push").TryGetProperty("secret", out _));
        await Http.AddNowAsync("declare.kept", "{}");
        Assert.True((await _receiver.Received.NextAsync()).IsSignedWith(secret), "a change without a secret keeps the group's secret");

        Assert.Equal(HttpStatusCode.OK, (await Http.DeleteJsonAsync("/v1/api/groups/push-declare")).Status);
        AssertError(await Http.GetJsonAsync("/v1/api/groups/push-declare"), HttpStatusCode.NotFound, "push-declare");
    }

    [Fact]
    public async Task A_fire_is_posted_with_its_data_as_stored_signed_so_an_independent_implementation_verifies_it_and_is_acked()
    {
        var secret = await DeclarePushGroupAsync("push-deliver", "deliver");
        const string data = """{ "invoice": "A-17",  "note": "Grüße ✓" }""";

        var taskId = await Http.AddNowAsync("deliver", data);
        var pushed = await _receiver.Received.NextAsync();

        Assert.Equal(data, pushed.Text);
        Assert.Equal("/hooks/push", pushed.Header("path"));
        Assert.Equal("application/json", pushed.Header("Content-Type"));
        Assert.Equal(taskId, pushed.Header("taskcenter-taskid"));
        Assert.Equal("deliver", pushed.Header("taskcenter-name"));
        Assert.Equal("1", pushed.Header("taskcenter-attempt"));
        var (verified, error) = await StandardWebhooksNode.VerifyAsync(
            secret, pushed.Header("webhook-id"), pushed.Header("webhook-timestamp"), pushed.Header("webhook-signature"), data);
        Assert.True(verified, error);

        var delivery = await AckedAfterPushesAsync(taskId, "push-deliver", 1);
        Assert.Equal(pushed.Header("webhook-id"), await MsgIdAsync(taskId));
        var attempt = Assert.Single(delivery.GetProperty("pushes").EnumerateArray());
        Assert.Equal(204, attempt.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("error").ValueKind);
        Assert.True(attempt.GetProperty("duration_ms").GetInt64() >= 0);
    }

    [Fact]
    public async Task A_target_that_fails_twice_gets_the_same_message_three_times_on_the_ladder_and_the_history_shows_each_push()
    {
        await DeclarePushGroupAsync("push-flaky", "flaky");
        var failures = 0;
        _receiver.Answer = _ => Task.FromResult(Interlocked.Increment(ref failures) <= 2
            ? Results.Text("database locked", statusCode: StatusCodes.Status500InternalServerError)
            : Results.NoContent());

        var taskId = await Http.AddNowAsync("flaky", "{}");
        var pushes = await _receiver.Received.NextAsync(3);

        Assert.Single(pushes.Select(push => push.Header("webhook-id")).Distinct());
        Assert.Equal(["1", "2", "3"], pushes.Select(push => push.Header("taskcenter-attempt")));
        var delivery = await AckedAfterPushesAsync(taskId, "push-flaky", 3);
        var attempts = delivery.GetProperty("pushes").EnumerateArray().ToList();
        Assert.Equal([500, 500, 204], attempts.Select(a => a.GetProperty("status").GetInt32()));
        Assert.Equal("HTTP 500: database locked", attempts[0].GetProperty("error").GetString());
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_target_that_always_fails_leaves_the_message_dead_with_the_answer_as_error_and_a_redrive_pushes_it_again()
    {
        await DeclarePushGroupAsync("push-dead", "dead");
        _receiver.Answer = _ => Task.FromResult(Results.Text("no such invoice", statusCode: StatusCodes.Status422UnprocessableEntity));

        await Http.AddNowAsync("dead", "{}");
        await _receiver.Received.NextAsync(3);
        var letters = await Waiting.PollAsync(
            async () => (await Http.GetJsonAsync("/v1/api/dead-letters?group=push-dead")).Body.GetProperty("dead_letters").EnumerateArray().ToList(),
            list => list.Count == 1);
        Assert.Equal("HTTP 422: no such invoice", letters[0].GetProperty("last_error").GetString());

        _receiver.Answer = _ => Task.FromResult(Results.NoContent());
        var (status, _) = await Http.PostJsonAsync("/v1/api/dead-letters/redrive", Json(new { group = "push-dead" }));
        Assert.Equal(HttpStatusCode.OK, status);
        var again = await _receiver.Received.NextAsync();
        Assert.Equal(letters[0].Msgid(), again.Header("webhook-id"));
    }

    [Fact]
    public async Task A_429_with_Retry_After_puts_the_next_attempt_at_that_time()
    {
        await DeclarePushGroupAsync("push-busy", "busy");
        var answered = 0;
        _receiver.Answer = _ => Task.FromResult(Interlocked.Increment(ref answered) == 1
            ? PushReceiver.RetryLater(2)
            : Results.NoContent());

        var taskId = await Http.AddNowAsync("busy", "{}");
        var pushes = await _receiver.Received.NextAsync(2);

        var delivery = await AckedAfterPushesAsync(taskId, "push-busy", 2);
        var attempts = delivery.GetProperty("pushes").EnumerateArray().ToList();
        Assert.Equal(429, attempts[0].GetProperty("status").GetInt32());
        // The ladder's first delay is 200 ms; the receiver asked for 2 s.
        Assert.True(
            attempts[1].GetProperty("at_ms").GetInt64() - attempts[0].GetProperty("at_ms").GetInt64() >= 2000,
            $"second push {attempts[1]} came earlier than the Retry-After after the first {attempts[0]}");
        Assert.Equal(pushes[0].Header("webhook-id"), pushes[1].Header("webhook-id"));
    }

    [Fact]
    public async Task A_tasks_max_runtime_bounds_the_request_timeout_and_an_unanswered_push_fails_with_no_answer()
    {
        await DeclarePushGroupAsync("push-slow", "slow", new { timeout_ms = 30_000 });
        using var release = new CancellationTokenSource();
        var answered = 0;
        _receiver.Answer = async _ =>
        {
            if (Interlocked.Increment(ref answered) == 1)
            {
                await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            return Results.NoContent();
        };

        var taskId = await Http.AddNowAsync("slow", "{}", new { max_runtime = 1 });
        await _receiver.Received.NextAsync(2);
        await release.CancelAsync();

        var delivery = await AckedAfterPushesAsync(taskId, "push-slow", 2);
        var first = delivery.GetProperty("pushes")[0];
        Assert.Equal(JsonValueKind.Null, first.GetProperty("status").ValueKind);
        // The request was given what was left of its 1 s lease, not the group's 30 s.
        Assert.Matches(@"^no answer within (1|0\.\d+) s$", first.GetProperty("error").GetString());
        Assert.InRange(first.GetProperty("duration_ms").GetInt64(), 0, 29_999);
    }

    [Fact]
    public async Task A_target_that_is_down_opens_its_circuit_and_its_messages_wait_without_using_their_attempts_until_it_is_back()
    {
        // Metrics are process-wide: the group is named after the backend.
        var group = $"push-down-{backend}".ToLowerInvariant();
        var down = await PushReceiver.StartAsync();
        await down.DownAsync();
        await DeclarePushGroupAsync(group, "down", url: down.Url());
        var taskIds = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            taskIds.Add(await Http.AddNowAsync("down", $"{{\"n\":{i}}}"));
        }

        var open = await Waiting.PollAsync(
            async () => (await Http.GetJsonAsync($"/v1/api/groups/{group}")).Body.GetProperty("push"),
            push => push.GetProperty("circuit").GetString() == "open");
        Assert.StartsWith("request failed: ", open.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        var whileOpen = await PrometheusText.ScrapeAsync(Http);
        Assert.Equal(1, whileOpen.Sum("taskcenter_push_open_circuits", ("group", group)));
        Assert.True(whileOpen.Sum("taskcenter_push_requests_total", ("group", group), ("outcome", "failed")) >= 5);

        await down.UpAsync();
        var delivered = await down.Received.NextAsync(6);
        await down.DisposeAsync();

        Assert.Equal(6, delivered.Select(push => push.Text).Distinct().Count());
        Assert.Empty((await Http.GetJsonAsync($"/v1/api/dead-letters?group={group}")).Body.GetProperty("dead_letters").EnumerateArray());
        foreach (var taskId in taskIds)
        {
            var delivery = await DeliveryAsync(taskId, group, d => d.GetProperty("state").GetString() == "acked");
            Assert.InRange(delivery.GetProperty("attempts").GetInt32(), 2, 3);
        }

        var (_, closed) = await Http.GetJsonAsync($"/v1/api/groups/{group}");
        Assert.Equal("closed", closed.GetProperty("push").GetProperty("circuit").GetString());
        var afterwards = await PrometheusText.ScrapeAsync(Http);
        Assert.Equal(0, afterwards.Sum("taskcenter_push_open_circuits", ("group", group)));
        Assert.Equal(6, afterwards.Sum("taskcenter_push_requests_total", ("group", group), ("outcome", "delivered")));
        Assert.True(afterwards.Sum("taskcenter_push_duration_seconds_count", ("group", group)) >= 6 + 5);
    }

    [Fact]
    public async Task A_target_that_never_answers_does_not_hold_up_another_groups_pushes()
    {
        await using var hanging = await PushReceiver.StartAsync();
        using var release = new CancellationTokenSource();
        hanging.Answer = async _ =>
        {
            await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.NoContent();
        };
        await DeclarePushGroupAsync("push-hanging", "hanging", new { timeout_ms = 300_000, max_concurrency = 2 }, url: hanging.Url());
        await DeclarePushGroupAsync("push-lively", "lively");
        for (var i = 0; i < 4; i++)
        {
            await Http.AddNowAsync("hanging", $"{{\"n\":{i}}}");
        }

        await hanging.Received.NextAsync(2); // both of its request slots taken, neither answered

        await Http.AddNowAsync("lively", "{}");
        Assert.Equal("lively", (await _receiver.Received.NextAsync()).Header("taskcenter-name"));
        Assert.False(hanging.Received.Reader.TryRead(out _), "the hanging target got more requests than its max_concurrency");
        await release.CancelAsync();
    }

    [Fact]
    public async Task Consuming_acking_or_nacking_a_push_group_by_hand_is_refused_with_409()
    {
        await DeclarePushGroupAsync("push-hands-off", "hands-off");

        AssertError(await Http.PostJsonAsync("/v1/api/consume", Json(new { group = "push-hands-off", tags = "*" })), HttpStatusCode.Conflict, "is a push group");
        AssertError(await Http.PostJsonAsync("/v1/api/ack", Json(new { group = "push-hands-off", msgids = SomeMsgIds })), HttpStatusCode.Conflict, "is a push group");
        AssertError(await Http.PostJsonAsync("/v1/api/nack", Json(new { group = "push-hands-off", msgid = "x" })), HttpStatusCode.Conflict, "is a push group");
        var (_, group) = await Http.GetJsonAsync("/v1/api/groups/push-hands-off");
        Assert.Equal("hands-off", group.GetProperty("tags").GetString());
    }

    [Fact]
    public async Task The_push_groups_max_concurrency_add_up_to_at_most_the_servers_bound()
    {
        // Push:MaxTotalConcurrency is 2048 by default: eight groups of 256.
        for (var i = 0; i < 8; i++)
        {
            await DeclarePushGroupAsync($"push-wide-{i}", "wide", new { max_concurrency = 256 });
        }

        AssertError(
            await DeclareAsync("push-wide-8", "wide", new { max_concurrency = 1 }),
            HttpStatusCode.Conflict,
            "would bring the push groups' requests in flight to 2049, over Push:MaxTotalConcurrency (2048)");
        AssertError(await Http.GetJsonAsync("/v1/api/groups/push-wide-8"), HttpStatusCode.NotFound, "push-wide-8");
        var (changed, _) = await DeclareAsync("push-wide-0", "wide", new { max_concurrency = 255 });
        Assert.Equal(HttpStatusCode.OK, changed);
        Assert.Equal(HttpStatusCode.Created, (await DeclareAsync("push-wide-8", "wide", new { max_concurrency = 1 })).Status);
    }

    [Theory]
    [InlineData("""{"push":{"url":"http://127.0.0.1:1/x"}}""", "tags is required")]
    [InlineData("""{"tags":"a","push":{}}""", "push.url is required")]
    [InlineData("""{"tags":"a","push":{"url":"http://10.0.0.1/x"}}""", "push.url is not among the allowed targets")]
    [InlineData("""{"tags":"a","push":{"url":"ftp://127.0.0.1/x"}}""", "push.url must be an absolute http or https URL")]
    [InlineData("""{"tags":"a","push":{"url":"http://user:pw@127.0.0.1:1/x"}}""", "push.url must not carry a user name")]
    [InlineData("""{"tags":"a","push":{"url":"http://127.0.0.1:1/x","timeout_ms":999}}""", "push.timeout_ms must be between 1000 and 300000")]
    [InlineData("""{"tags":"a","push":{"url":"http://127.0.0.1:1/x","max_concurrency":0}}""", "push.max_concurrency must be between 1 and 256")]
    [InlineData("""{"tags":"a","push":{"url":"http://127.0.0.1:1/x","secret":"whsec_short"}}""", "push.secret")]
    [InlineData("""{"tags":"a","push":{"url":"http://127.0.0.1:1/x","headers":{"webhook-id":"x"}}}""", "push.headers.webhook-id is set by the server")]
    [InlineData("""{"tags":"a","push":{"url":"http://127.0.0.1:1/x","headers":{"Host":"evil"}}}""", "push.headers.Host is set by the server")]
    [InlineData("""{"tags":"a","push":{"url":"http://127.0.0.1:1/x","headers":{"bad name":"x"}}}""", "is not a header name")]
    [InlineData("""{"tags":"a","push":{"url":"http://127.0.0.1:1/x","headers":{"X-A":"line\nbreak"}}}""", "push.headers.X-A must be printable ASCII")]
    [InlineData("""{"tags":"a","push":{"url":"http://127.0.0.1:1/x","content_type":"not a type"}}""", "push.content_type")]
    public async Task A_bad_declaration_is_a_400_naming_the_field_and_stores_nothing(string body, string mentions)
    {
        AssertError(await Http.PutJsonAsync("/v1/api/groups/push-bad", body), HttpStatusCode.BadRequest, mentions);
        AssertError(await Http.GetJsonAsync("/v1/api/groups/push-bad"), HttpStatusCode.NotFound, "push-bad");
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> DeclareAsync(string group, string tags, object? push = null) =>
        Http.DeclareAsync(group, tags, _receiver.Url(), push);

    private Task<string> DeclarePushGroupAsync(string group, string tags, object? push = null, string? url = null) =>
        Http.DeclarePushGroupAsync(group, tags, url ?? _receiver.Url(), push);

    private async Task<JsonElement> DeliveryAsync(string taskId, string group, Func<JsonElement, bool> until) =>
        await Waiting.PollAsync(
            async () => (await Http.GetJsonAsync($"/v1/api/tasks/{taskId}/fires")).Body.GetProperty("fires").EnumerateArray()
                .SelectMany(fire => fire.GetProperty("deliveries").EnumerateArray())
                .FirstOrDefault(delivery => delivery.GetProperty("group").GetString() == group),
            delivery => delivery.ValueKind == JsonValueKind.Object && until(delivery));

    /// <summary>
    /// The group's delivery of the task's fire once acked and its pushes recorded: attempts go to the history off the
    /// pushing path, so the last may show a moment after the ack.
    /// </summary>
    private Task<JsonElement> AckedAfterPushesAsync(string taskId, string group, int pushes) =>
        DeliveryAsync(taskId, group, d => d.GetProperty("state").GetString() == "acked"
            && d.TryGetProperty("pushes", out var recorded) && recorded.GetArrayLength() == pushes);

    private async Task<string> MsgIdAsync(string taskId) =>
        (await Http.GetJsonAsync($"/v1/api/tasks/{taskId}/fires")).Body.GetProperty("fires")[0].GetProperty("msgid").GetString()!;
}

public sealed class PushGroupTestsOnSqlite() : PushGroupTests(TestBackend.Sqlite);

public sealed class PushGroupTestsOnPostgres() : PushGroupTests(TestBackend.Postgres);
