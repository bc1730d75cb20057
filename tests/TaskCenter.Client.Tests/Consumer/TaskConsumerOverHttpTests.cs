using System.Net;
using Microsoft.Extensions.Logging;
using TaskCenter.Client.Consumer;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Consumer;

/// <summary>The consumer's HTTP calls to the built-in queue: what it sends, and how it rides out an unreachable server.</summary>
public abstract class TaskConsumerOverHttpTests(ServerFixture fixture)
{
    [Fact]
    public async Task The_consumer_sends_its_API_key_on_consume_and_ack()
    {
        using var recorder = new RecordingHttpHandler();
        var (tag, group) = (Unique.Name("auth-consumer"), Unique.Name("group"));
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = new TaskCenterClient(
            new TaskCenterClientOptions { BaseAddress = fixture.Server.BaseAddress, ApiKey = "consumer-key", HttpHandler = recorder });
        await using var consumer = new TaskConsumer(client, fixture.ConsumerOptions(group));
        consumer.Register(tag, (context, _) =>
        {
            handled.TrySetResult(context.MsgId);
            return Task.CompletedTask;
        });
        await fixture.SubscribeAsync(group, tag);
        await consumer.StartAsync();

        await fixture.Client.AddTaskAsync(NewTask.Once(tag, "x"));
        var msgId = await handled.Task.OrTimeout();
        await consumer.StopAsync().OrTimeout(); // sends the ack

        await fixture.AssertSettledAsync(group, msgId);
        Assert.Contains(recorder.Sent, r => r.Path == "/v1/api/consume");
        Assert.Contains(recorder.Sent, r => r.Path == "/v1/api/ack");
        Assert.All(recorder.Sent, r => Assert.Equal("Bearer consumer-key", r.Authorization));
    }

    [Fact]
    public async Task The_consumer_keeps_retrying_while_the_server_is_unreachable_and_delivers_once_it_is_up()
    {
        var port = ClosedPort.Take();

        var (tag, group) = (Unique.Name("late-server"), Unique.Name("group"));
        var logger = new RecordingLogger<TaskConsumer>();
        var handled = new TaskCompletionSource<TaskMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var unreachable = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{port}/") });
        await using var consumer = new TaskConsumer(
            unreachable,
            new TaskConsumerOptions
            {
                Group = group,
                RetryDelay = TimeSpan.FromMilliseconds(20),
                MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            },
            logger);
        consumer.Register(tag, (context, _) =>
        {
            handled.TrySetResult(context.Message);
            return Task.CompletedTask;
        });
        await consumer.StartAsync();

        // Two failed polls: the consumer is retrying, not stopped after the first failure.
        for (var failures = 0; failures < 2;)
        {
            var (level, text, _) = await logger.Entries.NextAsync();
            if (level == LogLevel.Warning && text.Contains("unreachable", StringComparison.Ordinal))
            {
                failures++;
            }
        }

        await using var server = await RunningServer.StartAsync(url: $"http://127.0.0.1:{port}", backend: fixture.Backend);
        using var client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = server.BaseAddress });
        Assert.Empty(await client.ConsumeAsync(new ConsumeRequest { Group = group, Tags = tag })); // subscribes the group
        var taskId = (await client.AddTaskAsync(NewTask.Once(tag, "after the outage"))).TaskId;

        var delivered = await handled.Task.OrTimeout();
        await consumer.StopAsync().OrTimeout();

        Assert.Equal((taskId, "after the outage"), (delivered.TaskId, delivered.Data));
        Assert.Empty(await client.AckAsync(group, [delivered.MsgId])); // the consumer acked it
    }

    [Fact]
    public async Task A_handler_for_a_prefix_receives_every_name_that_starts_with_it_and_an_exact_tag_wins()
    {
        var (prefix, group) = (Unique.Name("prefix"), Unique.Name("group"));
        var received = Waiting.NewChannel<(string Handler, string Name)>();
        await using var consumer = new TaskConsumer(fixture.Client, fixture.ConsumerOptions(group));
        consumer.Register($"{prefix}.*", (context, _) => Task.FromResult(received.Writer.TryWrite(("prefix", context.Name))));
        consumer.Register($"{prefix}.special", (context, _) => Task.FromResult(received.Writer.TryWrite(("exact", context.Name))));
        await fixture.SubscribeAsync(group, $"{prefix}.*");
        await consumer.StartAsync();

        foreach (var name in new[] { $"{prefix}.a", $"{prefix}.b.c", $"{prefix}.special", prefix })
        {
            await fixture.Client.AddTaskAsync(NewTask.Once(name, "x"));
        }

        var handled = await received.NextAsync(3);
        await consumer.StopAsync().OrTimeout();

        Assert.Equal(
            [("exact", $"{prefix}.special"), ("prefix", $"{prefix}.a"), ("prefix", $"{prefix}.b.c")],
            handled.OrderBy(h => h.Handler, StringComparer.Ordinal).ThenBy(h => h.Name, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_next_message_is_handled_while_the_ack_of_the_one_before_is_still_on_its_way()
    {
        using var acks = new HeldAckHandler();
        var (tag, group) = (Unique.Name("ack-behind"), Unique.Name("group"));
        var handled = Waiting.NewChannel<string>();
        using var client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = fixture.Server.BaseAddress, HttpHandler = acks });
        var options = fixture.ConsumerOptions(group);
        options.MaxConcurrency = 1;
        await using var consumer = new TaskConsumer(client, options);
        consumer.Register(tag, (context, _) =>
        {
            handled.Writer.TryWrite(context.MsgId);
            return Task.CompletedTask;
        });
        await fixture.SubscribeAsync(group, tag);
        await consumer.StartAsync();

        await fixture.Client.AddTaskAsync(NewTask.Once(tag, "first"));
        var first = await handled.NextAsync();
        await acks.Holding.Task.OrTimeout();

        // The one handler slot is free again although the first message's ack has not reached the server.
        await fixture.Client.AddTaskAsync(NewTask.Once(tag, "second"));
        var second = await handled.NextAsync();

        acks.Release();
        await consumer.StopAsync().OrTimeout(); // sends the second ack
        await fixture.AssertSettledAsync(group, first, second);
    }

    [Fact]
    public async Task An_ack_batch_holding_a_message_never_handed_out_acks_all_the_others()
    {
        var (tag, group) = (Unique.Name("batch"), Unique.Name("group"));
        using var client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = fixture.Server.BaseAddress });
        await client.ConsumeAsync(new ConsumeRequest { Group = group, Tags = tag });
        var later = (await client.AddTaskAsync(NewTask.Once(tag, "not received", at: DateTimeOffset.UtcNow.AddHours(1)))).TaskId;
        for (var i = 0; i < 20; i++)
        {
            await client.AddTaskAsync(NewTask.Once(tag, $"received {i}"));
        }

        var received = new List<TaskMessage>();
        while (received.Count < 20)
        {
            received.AddRange(await client.ConsumeAsync(new ConsumeRequest { Group = group, Tags = tag, MaxMessages = 20, WaitTime = TimeSpan.FromSeconds(10) }));
        }

        // Its msgid is known (the trigger answers it), but it was never handed out.
        var never = (await client.TriggerTaskAsync(later)).MsgId;
        var batcher = new AckBatcher(client, group);

        var acks = received.Select(m => batcher.AckAsync(m.MsgId)).Append(batcher.AckAsync(never)).ToList();
        await batcher.CompleteAsync().OrTimeout();

        Assert.All(acks.SkipLast(1), ack => Assert.True(ack.Result));
        var refused = await Assert.ThrowsAsync<TaskCenterApiException>(() => acks[^1]);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Empty(await client.AckAsync(group, [.. received.Select(m => m.MsgId)]));
    }
}

public sealed class TaskConsumerOverHttpTestsOnSqlite(SqliteServerFixture fixture) : TaskConsumerOverHttpTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TaskConsumerOverHttpTestsOnPostgres(PostgresServerFixture fixture) : TaskConsumerOverHttpTests(fixture), IClassFixture<PostgresServerFixture>;
