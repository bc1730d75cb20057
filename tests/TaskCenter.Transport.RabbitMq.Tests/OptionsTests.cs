using TaskCenter.Client;
using TaskCenter.Client.Consumer;
using TaskCenter.Client.RabbitMq;

namespace TaskCenter.Transport.RabbitMq.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void The_transport_refuses_an_address_that_is_not_amqp_and_a_reconnect_limit_below_the_first_pause_naming_the_keys()
    {
        var scheme = Assert.Throws<ArgumentException>(() => new RabbitMqTransportOptions { Uri = new Uri("http://user:secret@127.0.0.1:5672/") }.Validate());
        Assert.Equal("Delivery:RabbitMq:Uri is not valid; Uri must be an amqp:// or amqps:// address, got 'http://'.", scheme.Message);
        var backoff = Assert.Throws<ArgumentException>(() => new RabbitMqTransportOptions
        {
            ReconnectDelay = TimeSpan.FromSeconds(10),
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
        }.Validate());
        Assert.Equal("Delivery:RabbitMq:MaxReconnectDelay is 00:00:01; it must be at least Delivery:RabbitMq:ReconnectDelay (00:00:10).", backoff.Message);
        new RabbitMqTransportOptions().Validate();
    }

    [Fact]
    public void The_consumer_retries_on_rocketmq_delay_levels_16_times_by_default_and_checks_its_settings_when_switched()
    {
        var defaults = new RabbitMqConsumerOptions();
        Assert.Equal(16, defaults.MaxRetries);
        Assert.Equal(16, defaults.RetryDelays.Count);
        Assert.Equal(TimeSpan.FromSeconds(10), defaults.RetryDelays[0]);
        Assert.Equal(TimeSpan.FromHours(2), defaults.RetryDelays[^1]);

        var options = new TaskConsumerOptions { Group = "g" };
        Assert.Throws<ArgumentException>(() => options.UseRabbitMq(rabbit => rabbit.Exchange = " "));
        Assert.Null(options.MessageSource);
        Assert.Same(options, options.UseRabbitMq(new Uri("amqp://127.0.0.1/")));
        Assert.NotNull(options.MessageSource);
    }
}
