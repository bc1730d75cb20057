using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
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
        var options = fixture.ConsumerOptions(group);
        options.ApiKey = "consumer-key";
        options.HttpHandler = recorder;
        await using var consumer = new TaskConsumer(options);
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
        // A loopback port nobody listens on (yet): connections to it are refused.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var (tag, group) = (Unique.Name("late-server"), Unique.Name("group"));
        var logger = new RecordingLogger<TaskConsumer>();
        var handled = new TaskCompletionSource<TaskMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var consumer = new TaskConsumer(
            new TaskConsumerOptions
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
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
            var (level, text) = await logger.Entries.NextAsync();
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
}

public sealed class TaskConsumerOverHttpTestsOnSqlite(SqliteServerFixture fixture) : TaskConsumerOverHttpTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TaskConsumerOverHttpTestsOnPostgres(PostgresServerFixture fixture) : TaskConsumerOverHttpTests(fixture), IClassFixture<PostgresServerFixture>;
