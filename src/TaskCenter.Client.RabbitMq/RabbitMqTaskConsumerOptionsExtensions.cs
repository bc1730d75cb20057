using TaskCenter.Client.Consumer;
using TaskCenter.Client.RabbitMq.Internal;

namespace TaskCenter.Client.RabbitMq;

/// <summary>Switches a <see cref="TaskConsumer"/> from the server's built-in queue to RabbitMQ; handlers and registration stay the same.</summary>
public static class RabbitMqTaskConsumerOptionsExtensions
{
    /// <summary>Takes the consumer's messages from the RabbitMQ broker at <paramref name="uri"/>, with the default exchange and retries.</summary>
    /// <param name="options">The consumer's settings.</param>
    /// <param name="uri">The broker, <c>amqp://user:password@host:port/vhost</c>.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static TaskConsumerOptions UseRabbitMq(this TaskConsumerOptions options, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return options.UseRabbitMq(rabbit => rabbit.Uri = uri);
    }

    /// <summary>
    /// Takes the consumer's messages from RabbitMQ: the group's durable quorum queue <c>&lt;exchange&gt;.group.&lt;group&gt;</c>,
    /// bound to the tags of the handlers. A failed handler's message is retried on <see cref="RabbitMqConsumerOptions.RetryDelays"/>
    /// and after <see cref="RabbitMqConsumerOptions.MaxRetries"/> sent to the server's dead letters. Bind configuration with
    /// <c>UseRabbitMq(r =&gt; configuration.GetSection("TaskCenter:RabbitMq").Bind(r))</c>.
    /// </summary>
    /// <param name="options">The consumer's settings.</param>
    /// <param name="configure">Sets the RabbitMQ settings, starting from their defaults.</param>
    /// <returns><paramref name="options"/>.</returns>
    /// <exception cref="ArgumentException">A RabbitMQ setting is invalid.</exception>
    public static TaskConsumerOptions UseRabbitMq(this TaskConsumerOptions options, Action<RabbitMqConsumerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configure);
        var rabbit = new RabbitMqConsumerOptions();
        configure(rabbit);
        rabbit.Validate();
        var settings = rabbit.Clone();
        options.MessageSource = context => new RabbitMqMessageSource(settings, context);
        return options;
    }
}
