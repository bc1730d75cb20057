using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Transport.RabbitMq;

/// <summary>Settings of the RabbitMQ delivery (configuration section "Delivery:RabbitMq").</summary>
public sealed class RabbitMqTransportOptions
{
    /// <summary>The broker, <c>amqp://user:password@host:port/vhost</c> (or <c>amqps://</c>). Default <c>amqp://guest:guest@127.0.0.1:5672/</c>.</summary>
    public Uri Uri { get; set; } = new("amqp://guest:guest@127.0.0.1:5672/");

    /// <summary>The topic exchange fires are published to; every other name of the topology derives from it. Default <c>taskcenter</c>.</summary>
    public string Exchange { get; set; } = "taskcenter";

    /// <summary>The most fires published together before their confirms are awaited. Default 500.</summary>
    public int PublishBatchSize { get; set; } = 500;

    /// <summary>How long the broker may take to confirm a batch; past it the fires stay in the outbox and are sent again. Default 30 s.</summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the outbox is read even without news of fires from this instance (another instance may record them). Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first pause after the broker failed; doubles on each further failure. Default 1 s.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between attempts to reach the broker, at least <see cref="ReconnectDelay"/>. Default 30 s.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often fires kept in the unrouted queue are offered to the exchange again, for groups bound since. Default 30 s.</summary>
    public TimeSpan UnroutedReofferInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after its fire time an unrouted fire is kept; older ones are dropped with a warning. Default 3 days.</summary>
    public TimeSpan UnroutedRetention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How late a fire may be published before the health check reports a backlog. Default 5 s.</summary>
    public TimeSpan BacklogTolerance { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        BrokerAddress.Validate(Uri, Exchange);
        if (PublishBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PublishBatchSize), PublishBatchSize, $"{nameof(PublishBatchSize)} must be at least 1.");
        }

        RequirePositive(ConfirmTimeout, nameof(ConfirmTimeout));
        RequirePositive(PollInterval, nameof(PollInterval));
        RequirePositive(ReconnectDelay, nameof(ReconnectDelay));
        RequirePositive(UnroutedReofferInterval, nameof(UnroutedReofferInterval));
        RequirePositive(UnroutedRetention, nameof(UnroutedRetention));
        if (MaxReconnectDelay < ReconnectDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxReconnectDelay), MaxReconnectDelay, $"{nameof(MaxReconnectDelay)} must be at least {nameof(ReconnectDelay)}.");
        }

        if (BacklogTolerance < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BacklogTolerance), BacklogTolerance, $"{nameof(BacklogTolerance)} must not be negative.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }
}
