using System.Collections.Concurrent;
using System.Threading.Channels;
using TaskCenter.Client;
using TaskCenter.Client.Consumer;
using TaskCenter.Transport.RabbitMq.Tests.Support;

namespace TaskCenter.Transport.RabbitMq.Tests;

/// <summary>The .NET SDK consumer reading straight from RabbitMQ, with the same handlers as over HTTP.</summary>
[Collection(BrokerCollection.Name)]
public sealed class ConsumerTests(BrokerFixture broker)
{
    [Fact]
    public async Task A_handler_that_returns_acks_its_message()
    {
        var server = broker.Server;
        await using var harness = await TransportHarness.StartAsync(server);
        var (tag, group) = (Unique.Name("invoice"), Unique.Name("billing"));
        var handled = Channel.CreateUnbounded<TaskMessageContext>();
        var consumer = await RabbitConsumers.StartAsync(harness, server.AmqpUri, group, tag, (context, _) =>
        {
            handled.Writer.TryWrite(context);
            return Task.CompletedTask;
        });

        var fire = await harness.FireAsync(tag, "{\"id\":7}");
        var context = await handled.NextAsync();
        await consumer.DisposeAsync();

        Assert.Equal(fire.MsgId, context.MsgId);
        Assert.Equal(fire.TaskId, context.TaskId);
        Assert.Equal(tag, context.Name);
        Assert.Equal("{\"id\":7}", context.Data);
        Assert.Equal(fire.FireTime, context.FireTime);
        Assert.Equal(1, context.Attempt);
        Assert.Equal(group, context.Group);
        await using var probe = await AmqpProbe.ConnectAsync(server.AmqpUri);
        Assert.Equal(0u, await probe.CountAsync($"{harness.Exchange}.group.{group}"));
    }

    [Fact]
    public async Task Two_groups_bound_to_one_tag_both_get_the_fire()
    {
        var server = broker.Server;
        await using var harness = await TransportHarness.StartAsync(server);
        var tag = Unique.Name("shared");
        var handled = Channel.CreateUnbounded<(string Group, string MsgId)>();
        await using var first = await RabbitConsumers.StartAsync(harness, server.AmqpUri, "first", tag, Record("first"));
        await using var second = await RabbitConsumers.StartAsync(harness, server.AmqpUri, "second", "*", Record("second"));

        var fire = await harness.FireAsync(tag);
        var deliveries = await handled.NextAsync(2);

        Assert.Equal([("first", fire.MsgId), ("second", fire.MsgId)], deliveries.Order());

        TaskHandler Record(string group) => (context, _) =>
        {
            handled.Writer.TryWrite((group, context.MsgId));
            return Task.CompletedTask;
        };
    }

    [Fact]
    public async Task A_failed_handler_is_retried_with_the_attempt_incremented_and_only_in_its_own_group()
    {
        var server = broker.Server;
        await using var harness = await TransportHarness.StartAsync(server);
        var tag = Unique.Name("flaky");
        var attempts = Channel.CreateUnbounded<(int Attempt, string MsgId)>();
        var othersHandled = new ConcurrentQueue<int>();
        var failing = await RabbitConsumers.StartAsync(
            harness,
            server.AmqpUri,
            "failing",
            tag,
            (context, _) =>
            {
                attempts.Writer.TryWrite((context.Attempt, context.MsgId));
                return context.Attempt < 3 ? throw new InvalidOperationException($"failure {context.Attempt}") : Task.CompletedTask;
            },
            rabbit => rabbit.RetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)]);
        var other = await RabbitConsumers.StartAsync(harness, server.AmqpUri, "other", tag, (context, _) =>
        {
            othersHandled.Enqueue(context.Attempt);
            return Task.CompletedTask;
        });

        var fire = await harness.FireAsync(tag);
        var seen = await attempts.NextAsync(3);
        await failing.DisposeAsync();
        await other.DisposeAsync();

        Assert.Equal([(1, fire.MsgId), (2, fire.MsgId), (3, fire.MsgId)], seen);
        Assert.Equal([1], othersHandled);
        await using var probe = await AmqpProbe.ConnectAsync(server.AmqpUri);
        Assert.Equal(0u, await probe.CountAsync($"{harness.Exchange}.group.other"));
        Assert.Equal(0u, await probe.CountAsync($"{harness.Exchange}.group.failing"));
    }

    [Fact]
    public async Task A_message_requiring_an_explicit_ack_is_retried_when_its_lease_ends_unacked_and_acked_by_the_handler()
    {
        var server = broker.Server;
        await using var harness = await TransportHarness.StartAsync(server);
        var tag = Unique.Name("manual");
        var acks = Channel.CreateUnbounded<(int Attempt, bool Acked)>();
        await using var consumer = await RabbitConsumers.StartAsync(
            harness,
            server.AmqpUri,
            Unique.Name("g"),
            tag,
            async (context, cancellationToken) =>
            {
                // The first delivery is left unacked: its lease (the task's max_runtime) ends and it comes back.
                var acked = context.Attempt > 1 && await context.AckAsync(cancellationToken);
                acks.Writer.TryWrite((context.Attempt, acked));
            },
            rabbit => rabbit.RetryDelays = [TimeSpan.Zero]);

        await harness.FireAsync(tag, ack: true, lease: TimeSpan.FromSeconds(1));

        Assert.Equal([(1, false), (2, true)], await acks.NextAsync(2));
    }
}
