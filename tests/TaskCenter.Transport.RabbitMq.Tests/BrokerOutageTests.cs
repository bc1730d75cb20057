using System.Threading.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using TaskCenter.Transport.RabbitMq.Broker;
using TaskCenter.Transport.RabbitMq.Tests.Support;

namespace TaskCenter.Transport.RabbitMq.Tests;

[Collection(BrokerCollection.Name)]
public sealed class BrokerOutageTests(BrokerFixture broker)
{
    [Fact]
    public async Task Fires_recorded_while_the_broker_is_down_are_kept_reported_and_published_in_fire_time_order_once_it_is_back()
    {
        var server = broker.Server;
        await using var harness = await TransportHarness.StartAsync(server);
        var tag = Unique.Name("outage");
        string queue;
        await using (var before = await AmqpProbe.ConnectAsync(server.AmqpUri))
        {
            queue = await before.DeclareQueueAsync(harness.Exchange, tag);
        }

        var handled = Channel.CreateUnbounded<string>();
        await using var consumer = await RabbitConsumers.StartAsync(harness, server.AmqpUri, Unique.Name("g"), tag, (context, _) =>
        {
            handled.Writer.TryWrite(context.MsgId);
            return Task.CompletedTask;
        });
        var beforeOutage = await harness.FireAsync(tag, "before");
        Assert.Equal(beforeOutage.MsgId, await handled.NextAsync());
        // A consumer may get a message before the broker confirms it to the publisher: the outage starts once the first
        // fire is marked published, or it would (rightly) wait in the outbox too and go out again.
        await Waiting.PollAsync(harness.CountUnpublishedAsync, waiting => waiting == 0);

        await server.StopAsync();
        await harness.Logs.WaitForAsync(IsOutageWarning);
        var now = DateTimeOffset.UtcNow;
        var third = await harness.FireAsync(tag, "third", now.AddSeconds(-1));
        var first = await harness.FireAsync(tag, "first", now.AddSeconds(-3));
        var second = await harness.FireAsync(tag, "second", now.AddSeconds(-2));

        var health = await harness.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("unreachable since", health.Description, StringComparison.Ordinal);
        Assert.Contains("3 fires waiting", health.Description, StringComparison.Ordinal);
        Assert.Equal(false, health.Data["reachable"]);
        Assert.Equal(3L, await harness.CountUnpublishedAsync());

        await server.StartAgainAsync();
        await using var after = await AmqpProbe.ConnectAsync(server.AmqpUri);
        await after.ConsumeAsync(queue);
        var messages = await after.NextAsync(4);

        Assert.Equal([beforeOutage.MsgId, first.MsgId, second.MsgId, third.MsgId], messages.Select(m => m.Properties.MessageId));
        // The SDK consumer reconnected by itself; its handlers run concurrently, so only the set is certain.
        var consumed = await handled.NextAsync(3);
        Assert.Equal(new[] { first.MsgId, second.MsgId, third.MsgId }.Order(StringComparer.Ordinal), consumed.Order(StringComparer.Ordinal));
        await harness.Logs.WaitForAsync(e => e.Message.Contains("is reachable again", StringComparison.Ordinal));
        Assert.Single(harness.Logs.Entries, IsOutageWarning);
        var healthy = await Waiting.PollAsync(harness.CheckHealthAsync, result => result.Status == HealthStatus.Healthy);
        Assert.Equal(0L, healthy.Data["fires_waiting"]);
    }

    private static bool IsOutageWarning(LogEntry entry) =>
        entry.Level == LogLevel.Warning && entry.Category == typeof(BrokerConnection).FullName
        && entry.Message.Contains("is unreachable", StringComparison.Ordinal);
}
