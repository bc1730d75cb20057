using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using TaskCenter.Core.Configuration;
using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Transport.RabbitMq;

/// <summary>Settings of the RabbitMQ delivery (configuration section "Delivery:RabbitMq").</summary>
public sealed class RabbitMqTransportOptions : IValidatableObject
{
    /// <summary>The configuration section the server binds these settings from; errors name each setting by its key in it.</summary>
    public const string Section = "Delivery:RabbitMq";

    /// <summary>The broker, <c>amqp://user:password@host:port/vhost</c> (or <c>amqps://</c>). Default <c>amqp://guest:guest@127.0.0.1:5672/</c>.</summary>
    [Required]
    [PasswordPropertyText(true)] // It may hold the password: never shown in an error.
    public Uri Uri { get; set; } = new("amqp://guest:guest@127.0.0.1:5672/");

    /// <summary>The topic exchange fires are published to; every other name of the topology derives from it. Default <c>taskcenter</c>.</summary>
    [Required]
    public string Exchange { get; set; } = "taskcenter";

    /// <summary>The most fires published together before their confirms are awaited. Default 500.</summary>
    [Range(1, 100_000)]
    public int PublishBatchSize { get; set; } = 500;

    /// <summary>How long the broker may take to confirm a batch; past it the fires stay in the outbox and are sent again. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the outbox is read even without news of fires from this instance (another instance may record them). Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first pause after the broker failed; doubles on each further failure. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between attempts to reach the broker, at least <see cref="ReconnectDelay"/>. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    [AtLeast(nameof(ReconnectDelay))]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often fires kept in the unrouted queue are offered to the exchange again, for groups bound since. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan UnroutedReofferInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after its fire time an unrouted fire is kept; older ones are dropped with a warning. Default 3 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan UnroutedRetention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How late a fire may be published before the health check reports a backlog. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan BacklogTolerance { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws an <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        if (OptionsRules.Check(this, Section) is { Count: > 0 } failures)
        {
            throw new ArgumentException(string.Join(" ", failures));
        }
    }

    /// <summary>The broker's address must be AMQP (the rules on each property are checked first).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (BrokerAddress.WrongScheme(Uri) is { } wrong)
        {
            yield return new ValidationResult(wrong, [nameof(Uri)]);
        }
    }
}
