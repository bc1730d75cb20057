using System.Threading.Channels;
using TaskCenter.Client;
using TaskCenter.Client.Consumer;
using TaskCenter.Transport.RabbitMq.Tests.Support;

namespace TaskCenter.Transport.RabbitMq.Tests;

[Collection(BrokerCollection.Name)]
public sealed class UnroutedTests(BrokerFixture broker)
{
    [Fact]
    public async Task A_fire_no_group_is_bound_to_is_kept_visible_and_handed_to_the_first_group_that_binds_its_tag()
    {
        var server = broker.Server;
        await using var harness = await TransportHarness.StartAsync(server);
        await using var probe = await AmqpProbe.ConnectAsync(server.AmqpUri);
        var tag = Unique.Name("lonely");
        var unrouted = $"{harness.Exchange}.unrouted";

        var fire = await harness.FireAsync(tag, "kept");
        await Waiting.PollAsync(() => probe.CountAsync(unrouted), count => count == 1);
        var health = await harness.CheckHealthAsync();
        Assert.Equal(1u, health.Data["unrouted_messages"]);

        var handled = Channel.CreateUnbounded<TaskMessage>();
        await using var consumer = await RabbitConsumers.StartAsync(harness, server.AmqpUri, Unique.Name("late"), tag, (context, _) =>
        {
            handled.Writer.TryWrite(context.Message);
            return Task.CompletedTask;
        });

        var message = await handled.NextAsync();
        Assert.Equal(fire.MsgId, message.MsgId);
        Assert.Equal("kept", message.Data);
        Assert.Equal(1, message.Attempt);
        await Waiting.PollAsync(() => probe.CountAsync(unrouted), count => count == 0);
    }
}
