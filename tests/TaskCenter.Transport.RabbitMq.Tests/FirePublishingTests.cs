using System.Text;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using TaskCenter.Transport.RabbitMq.Tests.Support;

namespace TaskCenter.Transport.RabbitMq.Tests;

[Collection(BrokerCollection.Name)]
public sealed class FirePublishingTests(BrokerFixture broker)
{
    [Fact]
    public async Task A_fire_is_published_persistent_with_the_message_id_headers_and_data_of_the_contract()
    {
        await using var harness = await TransportHarness.StartAsync(broker.Server);
        await using var probe = await AmqpProbe.ConnectAsync(broker.Server.AmqpUri);
        var tag = Unique.Name("report");
        await probe.ConsumeAsync(await probe.DeclareQueueAsync(harness.Exchange, tag));

        var fireTime = DateTimeOffset.UtcNow.AddMilliseconds(-1500);
        const string data = "{\"greeting\":\"grüß dich\",\"n\":1}";
        var fire = await harness.FireAsync(tag, data, fireTime, ack: true, lease: TimeSpan.FromSeconds(90));
        var message = await probe.NextAsync();

        Assert.Equal(harness.Exchange, message.Exchange);
        Assert.Equal(tag, message.RoutingKey);
        Assert.Equal(fire.MsgId, message.Properties.MessageId);
        Assert.Equal(DeliveryModes.Persistent, message.Properties.DeliveryMode);
        Assert.Null(message.Properties.ContentType);
        Assert.Equal(fire.FireTime.ToUnixTimeSeconds(), message.Properties.Timestamp.UnixTime);
        Assert.Equal(data, Encoding.UTF8.GetString(message.Body));
        Assert.Equal(fire.TaskId, message.Text("taskid"));
        Assert.Equal(tag, message.Text("name"));
        Assert.Equal(fire.FireTime.ToUnixTimeMilliseconds(), message.Header("fire_time"));
        Assert.Equal(fire.FireTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture), message.Text("fire_time_iso"));
        Assert.Equal(1, message.Header("attempt"));
        Assert.Equal(true, message.Header("ack"));
        Assert.Equal(90_000L, message.Header("lease_ms"));
        await Waiting.PollAsync(harness.CountUnpublishedAsync, count => count == 0); // marked once confirmed
    }

    [Fact]
    public async Task A_fire_recorded_ahead_of_its_time_is_published_at_its_time()
    {
        await using var harness = await TransportHarness.StartAsync(broker.Server);
        await using var probe = await AmqpProbe.ConnectAsync(broker.Server.AmqpUri);
        var tag = Unique.Name("tick");
        await probe.ConsumeAsync(await probe.DeclareQueueAsync(harness.Exchange, tag));

        var ahead = await harness.FireAsync(tag, "ahead", DateTimeOffset.UtcNow.AddMilliseconds(700));
        var message = await probe.NextAsync();

        Assert.Equal(ahead.MsgId, message.Properties.MessageId);
        Assert.True(DateTimeOffset.UtcNow >= ahead.FireTime, "a fire recorded ahead is published at its time, not before");
    }

    [Fact]
    public async Task A_fire_the_broker_refuses_stays_in_the_outbox_until_the_broker_confirms_it()
    {
        await using var harness = await TransportHarness.StartAsync(broker.Server);
        await using var probe = await AmqpProbe.ConnectAsync(broker.Server.AmqpUri);
        var tag = Unique.Name("full");

        // The only queue bound to the tag takes no message and rejects publishes: the broker nacks the fire.
        var full = Unique.Name("full-queue");
        await probe.AmqpChannel.QueueDeclareAsync(full, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
        {
            ["x-max-length"] = 0,
            ["x-overflow"] = "reject-publish",
        });
        await probe.AmqpChannel.QueueBindAsync(full, harness.Exchange, tag);
        var fire = await harness.FireAsync(tag);

        await harness.Logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Message.Contains("did not accept fires", StringComparison.Ordinal));
        Assert.Equal(1, await harness.CountUnpublishedAsync());

        // Once the broker takes it, it is confirmed and leaves the outbox.
        var queue = await probe.DeclareQueueAsync(harness.Exchange, tag);
        await probe.AmqpChannel.QueueDeleteAsync(full);
        await probe.ConsumeAsync(queue);
        Assert.Equal(fire.MsgId, (await probe.NextAsync()).Properties.MessageId);
        await Waiting.PollAsync(harness.CountUnpublishedAsync, count => count == 0);
    }
}
