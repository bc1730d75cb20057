using TaskCenter.Client.Consumer;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Consumer;

public abstract class TaskConsumerAckTests(ServerFixture fixture)
{
    private TaskCenterClient Client => fixture.Client;

    [Fact]
    public async Task A_message_requiring_explicit_ack_comes_back_after_its_lease_until_the_handler_acks_it()
    {
        var (tag, group) = (Unique.Name("explicit"), Unique.Name("group"));
        var deliveries = Waiting.NewChannel<TaskMessageContext>();
        var acks = Waiting.NewChannel<bool>();
        var options = fixture.ConsumerOptions(group);
        options.Lease = TimeSpan.FromSeconds(1);
        await using var consumer = new TaskConsumer(fixture.Client, options);
        consumer.Register(tag, async (context, cancellationToken) =>
        {
            deliveries.Writer.TryWrite(context);
            if (context.Attempt > 1)
            {
                acks.Writer.TryWrite(await context.AckAsync(cancellationToken));
            }
        });
        await fixture.SubscribeAsync(group, tag);
        await consumer.StartAsync();

        await Client.AddTaskAsync(NewTask.Once(tag, "ack me") with { Ack = true });
        var first = await deliveries.NextAsync(); // returns without acking
        var second = await deliveries.NextAsync(); // once the 1 s lease ran out

        Assert.True(first.RequiresExplicitAck);
        Assert.Equal(1, first.Attempt);
        Assert.Equal((first.MsgId, 2), (second.MsgId, second.Attempt));
        Assert.True(await acks.NextAsync());
        await consumer.StopAsync();
        await fixture.AssertSettledAsync(group, first.MsgId);
        Assert.False(deliveries.Reader.TryRead(out _), "the message was delivered after it was acked");
    }

    [Fact]
    public async Task A_message_requiring_explicit_ack_can_be_acked_after_its_handler_returned()
    {
        var (tag, group) = (Unique.Name("later"), Unique.Name("group"));
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var consumer = new TaskConsumer(fixture.Client, fixture.ConsumerOptions(group));
        consumer.Register(tag, (context, _) =>
        {
            handled.TrySetResult(context.MsgId); // returns without acking
            return Task.CompletedTask;
        });
        await fixture.SubscribeAsync(group, tag);
        await consumer.StartAsync();

        await Client.AddTaskAsync(NewTask.Once(tag, "ack later") with { Ack = true });
        var msgId = await handled.Task.OrTimeout();

        Assert.True(await consumer.AckAsync(msgId));
        Assert.False(await consumer.AckAsync(msgId)); // the group no longer holds it
        await consumer.StopAsync();
    }

    [Fact]
    public async Task Stopping_waits_for_a_running_handler_and_acks_its_message()
    {
        var (tag, group) = (Unique.Name("graceful"), Unique.Name("group"));
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerToken = CancellationToken.None;
        await using var consumer = new TaskConsumer(fixture.Client, fixture.ConsumerOptions(group));
        consumer.Register(tag, async (context, cancellationToken) =>
        {
            handlerToken = cancellationToken;
            started.TrySetResult(context.MsgId);
            await release.Task;
        });
        await fixture.SubscribeAsync(group, tag);
        await consumer.StartAsync();
        await Client.AddTaskAsync(NewTask.Once(tag, "in flight"));
        var msgId = await started.Task.OrTimeout();

        var stopping = consumer.StopAsync();

        Assert.False(stopping.IsCompleted, "the stop did not wait for the running handler");
        release.SetResult();
        await stopping.OrTimeout();
        Assert.False(handlerToken.IsCancellationRequested);
        await fixture.AssertSettledAsync(group, msgId);
    }
}

public sealed class TaskConsumerAckTestsOnSqlite(SqliteServerFixture fixture) : TaskConsumerAckTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TaskConsumerAckTestsOnPostgres(PostgresServerFixture fixture) : TaskConsumerAckTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class TaskConsumerAckTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : TaskConsumerAckTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
