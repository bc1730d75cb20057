using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace TaskCenter.Client.RabbitMq.Internal;

/// <summary>
/// One connection's life: a channel consuming the group's queue (manual acks, prefetch) and a channel with publisher
/// confirms for retries and dead letters. <see cref="Closed"/> completes when the connection, either channel or the
/// consumer goes away; the source then opens a new session.
/// </summary>
internal sealed class ConsumerSession : IAsyncDisposable
{
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IConnection _connection;
    private IChannel? _consuming;
    private IChannel? _publishing;

    private ConsumerSession(IConnection connection)
    {
        _connection = connection;
        _connection.ConnectionShutdownAsync += OnShutdownAsync;
    }

    /// <summary>Completes with the reason when the session can no longer ack or publish.</summary>
    public Task<string> Closed => _closed.Task;

    public bool IsOpen => !_closed.Task.IsCompleted && _consuming is { IsOpen: true };

    /// <summary>Connects, declares the topology, and starts consuming the group's queue.</summary>
    public static async Task<ConsumerSession> OpenAsync(
        ConnectionFactory factory,
        ConsumerTopology topology,
        ushort prefetch,
        Func<ConsumerSession, BasicDeliverEventArgs, Task> onReceived,
        CancellationToken cancellationToken)
    {
        var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        var session = new ConsumerSession(connection);
        try
        {
            session._publishing = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken).ConfigureAwait(false);
            session._publishing.ChannelShutdownAsync += session.OnShutdownAsync;
            var consuming = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            session._consuming = consuming;
            consuming.ChannelShutdownAsync += session.OnShutdownAsync;

            await topology.DeclareAsync(consuming, cancellationToken).ConfigureAwait(false);
            await consuming.BasicQosAsync(0, prefetch, global: false, cancellationToken).ConfigureAwait(false);
            var consumer = new AsyncEventingBasicConsumer(consuming);
            consumer.ReceivedAsync += (_, delivery) => onReceived(session, delivery);
            consumer.UnregisteredAsync += (_, _) =>
            {
                session.MarkClosed("the broker canceled the consumer (was the queue deleted?)");
                return Task.CompletedTask;
            };
            await consuming.BasicConsumeAsync(topology.GroupQueue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Acks a delivery of this session; false when the session closed (the broker delivers the message again).</summary>
    public async Task<bool> TryAckAsync(ulong deliveryTag)
    {
        if (!IsOpen)
        {
            return false;
        }

        try
        {
            await _consuming!.BasicAckAsync(deliveryTag, multiple: false).ConfigureAwait(false);
            return true;
        }
        catch (AlreadyClosedException)
        {
            return false;
        }
    }

    /// <summary>Publishes persistently and mandatory, and waits for the broker's confirm; throws if it refuses, returns or times out.</summary>
    public async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, byte[] body, TimeSpan timeout)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("The connection to RabbitMQ was lost; the broker delivers the message again.");
        }

        using var timeoutSource = new CancellationTokenSource(timeout);
        await _publishing!.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, body, timeoutSource.Token)
            .ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        MarkClosed("closed by the consumer");
        try
        {
            await _connection.CloseAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception) // closing a dead connection may throw anything; it is gone either way
        {
        }

        if (_consuming is not null)
        {
            await _consuming.DisposeAsync().ConfigureAwait(false);
        }

        if (_publishing is not null)
        {
            await _publishing.DisposeAsync().ConfigureAwait(false);
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private Task OnShutdownAsync(object sender, ShutdownEventArgs reason)
    {
        MarkClosed(reason.ReplyText);
        return Task.CompletedTask;
    }

    private void MarkClosed(string reason) => _closed.TrySetResult(reason);
}
