using System.Net;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Queue;

public abstract class DeliveryTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task A_fire_reaches_a_waiting_consumer_with_the_message_fields()
    {
        await Http.ConsumeAsync("fields-group", "fields-tag", waitMs: 0);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var taskId = await Http.AddNowAsync("fields-tag", "payload-1", new { ack = true });

        var message = Assert.Single(await Http.ConsumeAsync("fields-group", "fields-tag"));

        Assert.Matches("^[0-9a-f]{24}$", message.Msgid());
        Assert.Equal(taskId, message.GetProperty("taskid").GetString());
        Assert.Equal("fields-tag", message.GetProperty("name").GetString());
        Assert.Equal("payload-1", message.GetProperty("data").GetString());
        Assert.InRange(message.GetProperty("fire_time").GetInt64(), before, before + 60);
        Assert.Equal(1, message.GetProperty("attempt").GetInt32());
        Assert.True(message.GetProperty("ack").GetBoolean());
        Assert.Equal([message.Msgid()], await Http.AckAsync("fields-group", message.Msgid()));
    }

    [Fact]
    public async Task Every_subscribed_group_gets_each_message_and_consumers_of_one_group_share_them()
    {
        await Http.ConsumeAsync("fanout-a", "fanout-tag", waitMs: 0);
        await Http.ConsumeAsync("fanout-b", "fanout-tag", waitMs: 0);
        await Http.AddNowAsync("fanout-tag", "one");
        await Http.AddNowAsync("fanout-tag", "two");

        var a1 = await Http.ConsumeAsync("fanout-a", "fanout-tag", max: 1);
        var a2 = await Http.ConsumeAsync("fanout-a", "fanout-tag", max: 1);
        var b = await Http.ConsumeAllAsync("fanout-b", "fanout-tag", count: 2);

        Assert.Equal(["one", "two"], a1.Concat(a2).Select(m => m.GetProperty("data").GetString()).Order());
        Assert.Equal(["one", "two"], b.Select(m => m.GetProperty("data").GetString()).Order());
        Assert.Empty(await Http.ConsumeAsync("fanout-a", "fanout-tag", waitMs: 0));
    }

    [Fact]
    public async Task A_tag_expression_selects_its_tags_only()
    {
        await Http.ConsumeAsync("expr-group", "expr-1 || expr-2", waitMs: 0);
        await Http.AddNowAsync("expr-1", "a");
        await Http.AddNowAsync("expr-3", "c");
        await Http.AddNowAsync("expr-2", "b");

        var messages = await Http.ConsumeAllAsync("expr-group", "expr-1 || expr-2", count: 2);

        Assert.Equal(["expr-1", "expr-2"], messages.Select(m => m.GetProperty("name").GetString()).Order());
        Assert.Empty(await Http.ConsumeAsync("expr-group", "expr-1 || expr-2", waitMs: 300));
    }

    [Fact]
    public async Task A_message_not_acked_within_its_lease_is_delivered_again_with_the_same_msgid()
    {
        await Http.ConsumeAsync("lease-group", "lease-tag", waitMs: 0);
        await Http.AddNowAsync("lease-tag", "x");
        var first = Assert.Single(await Http.ConsumeAsync("lease-group", "lease-tag", leaseMs: 1000));

        var again = Assert.Single(await Http.ConsumeAsync("lease-group", "lease-tag", waitMs: 10_000, leaseMs: 1000));

        Assert.Equal(first.Msgid(), again.Msgid());
        Assert.Equal(2, again.GetProperty("attempt").GetInt32());
        await Http.AckAsync("lease-group", again.Msgid());
    }

    [Fact]
    public async Task A_tasks_max_runtime_is_the_lease_of_its_messages()
    {
        await Http.ConsumeAsync("runtime-group", "runtime-tag", waitMs: 0);
        await Http.AddNowAsync("runtime-tag", "x", new { max_runtime = 1 });
        var first = Assert.Single(await Http.ConsumeAsync("runtime-group", "runtime-tag", leaseMs: 600_000));
        Assert.InRange(first.GetProperty("lease_until").GetInt64() - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 0, 2);

        var again = Assert.Single(await Http.ConsumeAsync("runtime-group", "runtime-tag", waitMs: 10_000));
        Assert.Equal(first.Msgid(), again.Msgid());
    }

    [Fact]
    public async Task An_acked_message_is_not_delivered_again()
    {
        await Http.ConsumeAsync("acked-group", "acked-tag", waitMs: 0);
        await Http.AddNowAsync("acked-tag", "x");
        var message = Assert.Single(await Http.ConsumeAsync("acked-group", "acked-tag", leaseMs: 1000));
        await Http.AckAsync("acked-group", message.Msgid());

        Assert.Empty(await Http.ConsumeAsync("acked-group", "acked-tag", waitMs: 2000));
        Assert.Empty(await Http.AckAsync("acked-group", message.Msgid()));
    }

    [Theory]
    [InlineData("""{"tags":"*"}""", "group is required")]
    [InlineData("""{"group":"g h"}""", "group")]
    [InlineData("""{"group":"g","tags":"a || "}""", "tags")]
    [InlineData("""{"group":"g","tags":"a | b"}""", "tags")]
    [InlineData("""{"group":"g","max":0}""", "max")]
    [InlineData("""{"group":"g","max":1001}""", "max")]
    [InlineData("""{"group":"g","wait_ms":60001}""", "wait_ms")]
    [InlineData("""{"group":"g","lease_ms":10}""", "lease_ms")]
    [InlineData("""{"group":"g","max":"5"}""", "max must be an integer")]
    public async Task Bad_consume_calls_are_a_400(string json, string mentions) =>
        AssertError(await Http.PostJsonAsync("/v1/api/consume", json), HttpStatusCode.BadRequest, mentions);

    [Fact]
    public async Task Nack_of_an_unknown_message_is_a_404() =>
        AssertError(await Http.PostJsonAsync("/v1/api/nack", Json(new { group = "nobody", msgid = "000000000000000000000000" })), HttpStatusCode.NotFound, "000000000000000000000000");

    [Fact]
    public async Task Fires_for_a_tag_no_group_subscribes_to_are_kept_for_the_first_group_that_does()
    {
        await using var server = await RunningServer.StartAsync(backend: fixture.Backend);
        var taskId = await server.Http.AddNowAsync("orphan-tag", "kept");
        await WaitUntilFiredAsync(server.Http, taskId);

        var message = Assert.Single(await server.Http.ConsumeAsync("first-group", "orphan-tag"));
        Assert.Equal("kept", message.GetProperty("data").GetString());
        Assert.Empty(await server.Http.ConsumeAsync("second-group", "orphan-tag", waitMs: 300));
    }

    [Fact]
    public async Task The_star_subscription_receives_every_tag()
    {
        await using var server = await RunningServer.StartAsync(backend: fixture.Backend);
        await server.Http.ConsumeAsync("everything", "*", waitMs: 0);
        await server.Http.AddNowAsync("star-1", "a");
        await server.Http.AddNowAsync("star-2", "b");

        var messages = await server.Http.ConsumeAllAsync("everything", "*", count: 2);

        Assert.Equal(["star-1", "star-2"], messages.Select(m => m.GetProperty("name").GetString()).Order());
    }

    /// <summary>Waits for the task's first fire to be recorded, as its fired_count shows.</summary>
    internal static async Task WaitUntilFiredAsync(HttpClient http, string taskId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var (_, task) = await http.GetJsonAsync("/v1/api/query-task-by-id?taskid=" + taskId);
            if (task.GetProperty("fired_count").GetInt64() > 0)
            {
                return;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}

public sealed class DeliveryTestsOnSqlite(SqliteServerFixture fixture) : DeliveryTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class DeliveryTestsOnPostgres(PostgresServerFixture fixture) : DeliveryTests(fixture), IClassFixture<PostgresServerFixture>;
