using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using TaskCenter.Client.Tests.Support;
using TaskCenter.Testing;

namespace TaskCenter.Client.Tests.Consumer;

public sealed class TaskConsumerRetryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TaskCenterClient Client => fixture.Client;

    [Fact]
    public async Task A_failing_handler_gets_the_message_again_until_it_is_a_dead_letter_and_a_redrive_brings_it_back()
    {
        var (tag, group) = (Unique.Name("fails"), Unique.Name("group"));
        var deliveries = Waiting.NewChannel<TaskMessage>();
        var failing = true;
        await using var consumer = new TaskConsumer(fixture.ConsumerOptions(group));
        consumer.Register(tag, (context, _) =>
        {
            deliveries.Writer.TryWrite(context.Message);
            return Volatile.Read(ref failing)
                ? throw new InvalidOperationException($"boom on attempt {context.Attempt}")
                : Task.CompletedTask;
        });
        await fixture.SubscribeAsync(group, tag);
        await consumer.StartAsync();

        var taskId = (await Client.AddTaskAsync(NewTask.Once(tag, "payload"))).TaskId;
        var first = await deliveries.NextAsync();
        for (var attempt = 2; attempt <= ServerFixture.Attempts; attempt++)
        {
            var again = await deliveries.NextAsync(); // after the 200 ms retry delay
            Assert.Equal((first.MsgId, attempt), (again.MsgId, again.Attempt));
        }

        var deadLetters = await Waiting.PollAsync(() => Client.GetDeadLettersAsync(group), letters => letters.Count > 0);
        var letter = Assert.Single(deadLetters);
        Assert.Equal((first.MsgId, taskId, tag, "payload"), (letter.MsgId, letter.TaskId, letter.Name, letter.Data));
        Assert.Equal(ServerFixture.Attempts, letter.Attempts);
        Assert.Equal($"boom on attempt {ServerFixture.Attempts}", letter.LastError);

        Volatile.Write(ref failing, false);
        Assert.Equal([first.MsgId], await Client.RedriveDeadLettersAsync(group, [first.MsgId]));

        var redriven = await deliveries.NextAsync();
        Assert.Equal((first.MsgId, 1), (redriven.MsgId, redriven.Attempt));
        await consumer.StopAsync();
        Assert.Empty(await Client.GetDeadLettersAsync(group));
        await fixture.AssertSettledAsync(group, first.MsgId);
    }

    [Fact]
    public async Task A_handler_still_running_after_the_shutdown_timeout_is_canceled_and_reported_as_failed()
    {
        // No retries: the consumer's failure report makes the message a dead letter at once, showing its error.
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Queue:MaxRetries"] = "0" });
        using var client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = server.BaseAddress });
        var (tag, group) = (Unique.Name("slow"), Unique.Name("group"));
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var consumer = new TaskConsumer(
            new TaskConsumerOptions { BaseAddress = server.BaseAddress, Group = group, ShutdownTimeout = TimeSpan.Zero });
        consumer.Register(tag, async (context, cancellationToken) =>
        {
            started.TrySetResult(context.MsgId);
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        });
        await consumer.StartAsync();
        await client.AddTaskAsync(NewTask.Once(tag, "never finishes"));
        var msgId = await started.Task.OrTimeout();

        await consumer.StopAsync().OrTimeout();

        var letter = Assert.Single(await client.GetDeadLettersAsync(group));
        Assert.Equal(msgId, letter.MsgId);
        Assert.Equal("canceled: the consumer stopped before the handler finished", letter.LastError);
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

        await using var server = await RunningServer.StartAsync(url: $"http://127.0.0.1:{port}");
        using var client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = server.BaseAddress });
        Assert.Empty(await client.ConsumeAsync(new ConsumeRequest { Group = group, Tags = tag })); // subscribes the group
        var taskId = (await client.AddTaskAsync(NewTask.Once(tag, "after the outage"))).TaskId;

        var delivered = await handled.Task.OrTimeout();
        await consumer.StopAsync().OrTimeout();

        Assert.Equal((taskId, "after the outage"), (delivered.TaskId, delivered.Data));
        Assert.Empty(await client.AckAsync(group, [delivered.MsgId])); // the consumer acked it
    }
}
