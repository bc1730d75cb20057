using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using TaskCenter.Client.Consumer;
using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Client.RabbitMq.Internal;

/// <summary>
/// A <see cref="ITaskMessageSource"/> that consumes the group's queue on RabbitMQ. A background loop keeps one session
/// (connection) open, reconnecting with the consumer's doubling pause; deliveries wait in memory (at most the prefetch,
/// which is the consumer's concurrency) until the consumer asks for them. A message handed out and not settled within
/// its lease (the task's max_runtime, else the consumer's lease) is retried, as the built-in queue would redeliver it.
/// </summary>
internal sealed class RabbitMqMessageSource : ITaskMessageSource
{
    private readonly RabbitMqConsumerOptions _rabbit;
    private readonly TaskConsumerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly Channel<ReceivedMessage> _received = Channel.CreateUnbounded<ReceivedMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<TaskMessage, ReceivedMessage> _inFlight = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstSession = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConsumerTopology? _topology;
    private FailurePublisher? _failures;
    private Task _connectionLoop = Task.CompletedTask;

    public RabbitMqMessageSource(RabbitMqConsumerOptions rabbit, TaskMessageSourceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _rabbit = rabbit;
        _options = context.Options;
        _logger = context.Logger;
        Description = $"RabbitMQ {BrokerAddress.Redacted(rabbit.Uri)}, queue {new AmqpNames(rabbit.Exchange).GroupQueue(_options.Group)}";
    }

    public string Description { get; }

    /// <summary>Completes once the first connection declared and bound the group's queue, or faults with why it could not.</summary>
    /// <exception cref="NotSupportedException">A tag is a prefix pattern (<c>billing.*</c>): a binding cannot express it.</exception>
    public Task StartAsync(IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        // AMQP topic bindings match whole dot-separated words ('#' any number of them), never a prefix of a word, and
        // 'billing.#' would bring 'billing' itself too: a group queue cannot be bound to exactly the names of a prefix.
        if (tags.FirstOrDefault(tag => tag.EndsWith('*')) is { } prefix)
        {
            throw new NotSupportedException(
                $"The tag pattern '{prefix}' cannot be consumed over RabbitMQ: a queue binding matches whole dot-separated words, " +
                "not a prefix. Register handlers for the exact tags (or '*'), or consume from the built-in queue over HTTP.");
        }

        _topology = new ConsumerTopology(new AmqpNames(_rabbit.Exchange), _rabbit, _options.Group, tags);
        _failures = new FailurePublisher(_topology, _rabbit, _options.Group, _time);
        _connectionLoop = Task.Run(() => KeepConnectedAsync(_stopping.Token), CancellationToken.None);
        return _firstSession.Task.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TaskMessage>> ReceiveAsync(int max, CancellationToken cancellationToken)
    {
        var reader = _received.Reader;
        if (!await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var messages = new List<TaskMessage>(max);
        while (messages.Count < max && reader.TryRead(out var received))
        {
            if (!received.Session.IsOpen)
            {
                continue; // its connection is gone: the broker delivers it again
            }

            var message = received.HandOut(received.Fire.Lease ?? _options.Lease, _time, OnLeaseExpired);
            _inFlight[message] = received;
            messages.Add(message);
        }

        return messages;
    }

    public async Task<bool> AckAsync(TaskMessage message) =>
        TryTake(message, out var received) && await received.Session.TryAckAsync(received.DeliveryTag).ConfigureAwait(false);

    public Task<bool> AckAsync(string msgId, CancellationToken cancellationToken)
    {
        var message = _inFlight.Keys.FirstOrDefault(m => m.MsgId == msgId);
        return message is null ? Task.FromResult(false) : AckAsync(message);
    }

    public Task<NackOutcome> NackAsync(TaskMessage message, string failure)
    {
        if (!TryTake(message, out var received))
        {
            throw new InvalidOperationException(
                $"Message {message.MsgId} is no longer held by this consumer (its lease expired or the connection was lost).");
        }

        return _failures!.FailAsync(received, failure);
    }

    public async Task CompleteAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _connectionLoop.ConfigureAwait(false); // never faults; closing the session returns unacked messages to the queue
        _received.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        await CompleteAsync().ConfigureAwait(false);
        foreach (var received in _inFlight.Values)
        {
            received.StopLease();
        }

        _stopping.Dispose();
    }

    /// <summary>Settles a message once: whoever takes it first (ack, nack or its lease ending) decides.</summary>
    private bool TryTake(TaskMessage message, out ReceivedMessage received)
    {
        if (!_inFlight.TryRemove(message, out received!))
        {
            return false;
        }

        received.StopLease();
        return true;
    }

    private void OnLeaseExpired(TaskMessage message)
    {
        if (!TryTake(message, out var received))
        {
            return;
        }

        _logger.LogWarning(
            "Message {MsgId} of task {TaskId} was not acked within its lease (until {LeaseUntil}); retrying it",
            message.MsgId, message.TaskId, message.LeaseUntil);
        _ = RetryExpiredAsync(received);
    }

    private async Task RetryExpiredAsync(ReceivedMessage received)
    {
        try
        {
            await _failures!.FailAsync(received, "lease expired: not acked in time").ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not retry message {MsgId}; the broker delivers it again", received.Message.MsgId);
        }
    }

    private async Task KeepConnectedAsync(CancellationToken stopping)
    {
        var factory = new ConnectionFactory
        {
            Uri = _rabbit.Uri,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = $"taskcenter-consumer {_options.Group}",
        };
        var prefetch = (ushort)Math.Min(_options.MaxConcurrency, ushort.MaxValue);
        var pause = _options.RetryDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var session = await ConsumerSession.OpenAsync(factory, _topology!, prefetch, OnReceivedAsync, stopping)
                    .ConfigureAwait(false);
                await using (session.ConfigureAwait(false))
                {
                    _logger.LogInformation("Consuming group {Group} from {Source}", _options.Group, Description);
                    _firstSession.TrySetResult();
                    pause = _options.RetryDelay;
                    var reason = await session.Closed.WaitAsync(stopping).ConfigureAwait(false);
                    _logger.LogWarning("The connection to RabbitMQ was lost ({Reason}). Reconnecting in {RetryDelay}", reason, pause);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (_firstSession.TrySetException(ex))
            {
                // The consumer's start reports the first failure.
            }
            catch (Exception ex)
            {
                // Expected while the broker is down or restarting: one line, no stack trace.
                _logger.LogWarning(
                    "RabbitMQ at {Broker} is unreachable ({Error}). Retrying in {RetryDelay}", BrokerAddress.Redacted(_rabbit.Uri), ex.Message, pause);
            }

            try
            {
                await Task.Delay(pause, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, _options.MaxRetryDelay.Ticks));
        }
    }

    private Task OnReceivedAsync(ConsumerSession session, BasicDeliverEventArgs delivery)
    {
        _received.Writer.TryWrite(ReceivedMessage.Read(session, delivery, _time.GetUtcNow()));
        return Task.CompletedTask;
    }
}
