using TaskCenter.Client.Consumer;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Consumer;

public abstract class TaskConsumerDeliveryTests(ServerFixture fixture)
{
    private TaskCenterClient Client => fixture.Client;

    [Fact]
    public async Task A_handler_for_two_tags_receives_the_messages_of_both_and_they_are_acked()
    {
        var (tag1, tag2, group) = (Unique.Name("tag1"), Unique.Name("tag2"), Unique.Name("group"));
        var tags = $"{tag1} || {tag2}";
        var received = Waiting.NewChannel<TaskMessageContext>();
        await using var consumer = new TaskConsumer(fixture.Client, fixture.ConsumerOptions(group));
        consumer.Register(tags, (context, _) =>
        {
            received.Writer.TryWrite(context);
            return Task.CompletedTask;
        });
        await fixture.SubscribeAsync(group, tags);
        await consumer.StartAsync();

        var id1 = (await Client.AddTaskAsync(NewTask.Once(tag1, "data-1"))).TaskId;
        var id2 = (await Client.AddTaskAsync(NewTask.Once(tag2, "data-2"))).TaskId;
        var messages = (await received.NextAsync(2)).OrderBy(m => m.Data, StringComparer.Ordinal).ToList();

        Assert.Equal([(id1, tag1, "data-1"), (id2, tag2, "data-2")], messages.Select(m => (m.TaskId, m.Name, m.Data)));
        Assert.All(messages, m =>
        {
            Assert.Matches("^[0-9a-f]{24}$", m.MsgId);
            Assert.Equal(1, m.Attempt);
            Assert.Equal(group, m.Group);
            Assert.False(m.RequiresExplicitAck);
        });
        Assert.NotEqual(messages[0].MsgId, messages[1].MsgId);

        await consumer.StopAsync(); // sends the acks of finished handlers
        await fixture.AssertSettledAsync(group, [.. messages.Select(m => m.MsgId)]);
    }

    [Fact]
    public async Task The_seed_style_handler_gets_task_id_data_and_msg_id()
    {
        var (tag, group) = (Unique.Name("seed"), Unique.Name("group"));
        var received = Waiting.NewChannel<(string TaskId, string Data, string MsgId)>();
        await using var consumer = new TaskConsumer(fixture.Client, fixture.ConsumerOptions(group));
        consumer.Register(tag, (taskId, data, msgId) =>
        {
            received.Writer.TryWrite((taskId, data, msgId));
            return Task.CompletedTask;
        });
        await fixture.SubscribeAsync(group, tag);
        await consumer.StartAsync();

        var taskId = (await Client.AddTaskAsync(NewTask.Once(tag, "seed-data"))).TaskId;
        var message = await received.NextAsync();

        Assert.Equal(taskId, message.TaskId);
        Assert.Equal("seed-data", message.Data);
        Assert.Matches("^[0-9a-f]{24}$", message.MsgId);
        await consumer.StopAsync();
        await fixture.AssertSettledAsync(group, message.MsgId);
    }

    [Fact]
    public async Task Two_consumers_of_one_group_share_its_messages_and_each_is_handled_once()
    {
        var (tag, group) = (Unique.Name("shared"), Unique.Name("group"));
        var handled = Waiting.NewChannel<(string Consumer, string MsgId)>();
        var running = 0;
        var bothBusy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // One slot each: the first handler holds its consumer's only slot until a second one runs, which only the other
        // consumer can start. So both consumers take messages from the group.
        TaskConsumer NewConsumer(string name)
        {
            var options = fixture.ConsumerOptions(group);
            options.MaxConcurrency = 1;
            var consumer = new TaskConsumer(fixture.Client, options);
            consumer.Register(tag, async (context, cancellationToken) =>
            {
                if (Interlocked.Increment(ref running) == 2)
                {
                    bothBusy.TrySetResult();
                }

                await bothBusy.Task.WaitAsync(cancellationToken);
                handled.Writer.TryWrite((name, context.MsgId));
            });
            return consumer;
        }

        await using var a = NewConsumer("a");
        await using var b = NewConsumer("b");
        await fixture.SubscribeAsync(group, tag);
        await a.StartAsync();
        await b.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            await Client.AddTaskAsync(NewTask.Once(tag, $"message-{i}"));
        }

        var deliveries = await handled.NextAsync(4);
        await a.StopAsync();
        await b.StopAsync();

        Assert.Equal(["a", "b"], deliveries.Select(d => d.Consumer).Distinct().Order(StringComparer.Ordinal));
        var msgIds = deliveries.Select(d => d.MsgId).ToArray();
        Assert.Equal(4, msgIds.Distinct().Count());
        Assert.False(handled.Reader.TryRead(out _), "a message was handled twice");
        await fixture.AssertSettledAsync(group, msgIds);
    }

    [Fact]
    public async Task Each_group_gets_every_message()
    {
        var (tag, group1, group2) = (Unique.Name("fanout"), Unique.Name("group1"), Unique.Name("group2"));
        var received = new Dictionary<string, System.Threading.Channels.Channel<TaskMessageContext>>
        {
            [group1] = Waiting.NewChannel<TaskMessageContext>(),
            [group2] = Waiting.NewChannel<TaskMessageContext>(),
        };
        var consumers = new List<TaskConsumer>();
        try
        {
            foreach (var (group, channel) in received)
            {
                var consumer = new TaskConsumer(fixture.Client, fixture.ConsumerOptions(group));
                consumers.Add(consumer);
                consumer.Register(tag, (context, _) =>
                {
                    channel.Writer.TryWrite(context);
                    return Task.CompletedTask;
                });
                await fixture.SubscribeAsync(group, tag);
                await consumer.StartAsync();
            }

            var taskIds = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                taskIds.Add((await Client.AddTaskAsync(NewTask.Once(tag, $"message-{i}"))).TaskId);
            }

            foreach (var (group, channel) in received)
            {
                var messages = await channel.NextAsync(3);
                Assert.Equal(taskIds.Order(StringComparer.Ordinal), messages.Select(m => m.TaskId).Order(StringComparer.Ordinal));
                Assert.All(messages, m => Assert.Equal(group, m.Group));
            }
        }
        finally
        {
            foreach (var consumer in consumers)
            {
                await consumer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task No_more_handlers_run_at_once_than_MaxConcurrency()
    {
        var (tag, group) = (Unique.Name("concurrency"), Unique.Name("group"));
        var (current, highest) = (0, 0);
        var started = Waiting.NewChannel<string>();
        var finished = Waiting.NewChannel<string>();
        using var gate = new SemaphoreSlim(0);
        var options = fixture.ConsumerOptions(group);
        options.MaxConcurrency = 2;
        await using var consumer = new TaskConsumer(fixture.Client, options);
        consumer.Register(tag, async (context, cancellationToken) =>
        {
            var now = Interlocked.Increment(ref current);
            for (var seen = Volatile.Read(ref highest); now > seen; seen = Volatile.Read(ref highest))
            {
                Interlocked.CompareExchange(ref highest, now, seen);
            }

            started.Writer.TryWrite(context.MsgId);
            try
            {
                await gate.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref current);
            }

            finished.Writer.TryWrite(context.MsgId);
        });
        await fixture.SubscribeAsync(group, tag);
        await consumer.StartAsync();
        for (var i = 0; i < 6; i++)
        {
            await Client.AddTaskAsync(NewTask.Once(tag, $"message-{i}"));
        }

        // Handlers block until the test opens the gate: two run, then each one let through makes room for one more.
        await started.NextAsync(2);
        for (var i = 2; i < 6; i++)
        {
            gate.Release();
            await started.NextAsync();
        }

        gate.Release(2);
        var done = await finished.NextAsync(6);

        Assert.Equal(6, done.Distinct().Count());
        Assert.Equal(2, Volatile.Read(ref highest));
    }
}

public sealed class TaskConsumerDeliveryTestsOnSqlite(SqliteServerFixture fixture) : TaskConsumerDeliveryTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TaskConsumerDeliveryTestsOnPostgres(PostgresServerFixture fixture) : TaskConsumerDeliveryTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class TaskConsumerDeliveryTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : TaskConsumerDeliveryTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
