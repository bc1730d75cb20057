using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace TaskCenter.Transport.RabbitMq.Tests.Support;

/// <summary>
/// A plain AMQP client, as any consumer would use the broker: declares a queue bound to tags of the exchange and reads
/// what arrives (acking it), so tests see exactly what TaskCenter published.
/// </summary>
public sealed class AmqpProbe : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly Channel<ProbedMessage> _received = System.Threading.Channels.Channel.CreateUnbounded<ProbedMessage>();

    private AmqpProbe(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public IChannel AmqpChannel => _channel;

    public static async Task<AmqpProbe> ConnectAsync(Uri broker)
    {
        var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        return new AmqpProbe(connection, channel);
    }

    /// <summary>Declares a durable quorum queue bound to <paramref name="tags"/> of <paramref name="exchange"/>.</summary>
    public async Task<string> DeclareQueueAsync(string exchange, params string[] tags)
    {
        var queue = Unique.Name("probe");
        await _channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        foreach (var tag in tags)
        {
            await _channel.QueueBindAsync(queue, exchange, tag);
        }

        return queue;
    }

    /// <summary>Starts consuming <paramref name="queue"/>; every message is copied, acked and offered to <see cref="NextAsync"/>.</summary>
    public async Task ConsumeAsync(string queue)
    {
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            _received.Writer.TryWrite(new ProbedMessage(
                delivery.RoutingKey, delivery.Exchange, new BasicProperties(delivery.BasicProperties), delivery.Body.ToArray()));
            await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await _channel.BasicConsumeAsync(queue, autoAck: false, consumer);
    }

    public Task<ProbedMessage> NextAsync() => _received.NextAsync();

    public Task<List<ProbedMessage>> NextAsync(int count) => _received.NextAsync(count);

    public async Task<uint> CountAsync(string queue) => await _channel.MessageCountAsync(queue);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.CloseAsync();
        }
        catch (Exception)
        {
            // The broker may be down in an outage test.
        }

        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

public sealed record ProbedMessage(string RoutingKey, string Exchange, BasicProperties Properties, byte[] Body)
{
    public string Text(string header) =>
        Properties.Headers?[header] is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : throw new KeyNotFoundException(header);

    public object? Header(string header) => Properties.Headers?.TryGetValue(header, out var value) == true ? value : null;
}
