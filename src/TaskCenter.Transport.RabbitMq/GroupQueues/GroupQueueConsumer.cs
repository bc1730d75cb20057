using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using TaskCenter.Core.Queue;
using TaskCenter.RabbitMq.Contract;
using TaskCenter.Transport.RabbitMq.Broker;

namespace TaskCenter.Transport.RabbitMq.GroupQueues;

/// <summary>
/// Consumes a consumer group's queue on the server's connection as any consumer of the group does (docs/rabbitmq.md):
/// declares the same topology (<see cref="Topology.DeclareConsumerAsync"/>: the group's queue bound to its tags, the
/// delay queue of each retry delay of <c>Queue:RetryDelays</c>), consumes with manual acks and a prefetch, and hands
/// each delivery out as a <see cref="GroupDelivery"/> that settles it by the steps of the same page. The server's
/// pusher of push groups reads their queues through it.
/// </summary>
public sealed class GroupQueueConsumer
{
    private readonly BrokerConnection _broker;
    private readonly QueueOptions _retries;
    private readonly TimeProvider _time;

    internal GroupQueueConsumer(BrokerConnection broker, IOptions<QueueOptions> retries, TimeProvider time)
    {
        _broker = broker;
        _retries = retries.Value;
        _time = time;
    }

    /// <summary>
    /// Consumes <paramref name="group"/>'s queue until <paramref name="stoppingToken"/> is cancelled (then returns) or the
    /// channel fails (then throws why). Each delivery goes to <paramref name="handle"/>, which settles it; at most
    /// <paramref name="prefetch"/> are unsettled at a time, and each is leased for <paramref name="lease"/> (its task's
    /// max_runtime when it has one). Returns or throws only once every delivery handed out returned from
    /// <paramref name="handle"/>; closing the channels then gives every unsettled message back to the queue.
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="tags"/> holds a prefix pattern, which no binding can express.</exception>
    public async Task ConsumeAsync(
        string group, TagFilter tags, int prefetch, TimeSpan lease, Func<GroupDelivery, Task> handle, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(handle);
        var bindings = Bindings(tags);
        var publishing = await _broker.OpenChannelAsync(confirms: true, stoppingToken);
        await using (publishing)
        {
            var consuming = await _broker.OpenChannelAsync(confirms: false, stoppingToken);
            await using (consuming)
            {
                var failed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
                Task OnShutdownAsync(object sender, ShutdownEventArgs reason)
                {
                    failed.TrySetResult(new IOException($"the channel was closed: {reason.ReplyText}"));
                    return Task.CompletedTask;
                }

                publishing.ChannelShutdownAsync += OnShutdownAsync;
                consuming.ChannelShutdownAsync += OnShutdownAsync;
                await Topology.DeclareConsumerAsync(consuming, _broker.Names, group, bindings, _retries.RetryDelays, stoppingToken);
                using var settling = new GroupSettlement(_broker, publishing, consuming, group, _retries, _time);
                var handling = new InFlight();
                await consuming.BasicQosAsync(0, (ushort)Math.Clamp(prefetch, 1, ushort.MaxValue), global: false, stoppingToken);
                var consumer = new AsyncEventingBasicConsumer(consuming);
                consumer.ReceivedAsync += (_, delivered) =>
                {
                    var now = _time.GetUtcNow();
                    var fire = DeliveredFire.Read(delivered.BasicProperties, delivered.Exchange, delivered.RoutingKey, delivered.DeliveryTag, now);
                    var delivery = new GroupDelivery(settling, delivered.DeliveryTag, fire, delivered.Body.ToArray(), LeaseCandidate.LeaseEnd(now, fire.Lease, lease));

                    // Unhandled after the consumer stopped, it stays unacked: closing the channel gives it back.
                    handling.TryStart(() => handle(delivery));
                    return Task.CompletedTask;
                };
                consumer.UnregisteredAsync += (_, _) =>
                {
                    failed.TrySetResult(new IOException("the broker canceled the consumer (was the queue deleted?)"));
                    return Task.CompletedTask;
                };
                var tag = await consuming.BasicConsumeAsync(_broker.Names.GroupQueue(group), autoAck: false, consumer, stoppingToken);
                Exception? failure = null;
                try
                {
                    failure = await failed.Task.WaitAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    await TryCancelAsync(consuming, tag);
                }

                await handling.StopAsync();
                if (failure is not null)
                {
                    throw failure;
                }
            }
        }
    }

    /// <summary>Why a group's queue cannot be bound to <paramref name="tags"/>; null when it can.</summary>
    public static string? CannotBind(TagFilter tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Patterns.Count == 0)
        {
            return "the group subscribes to no tag";
        }

        return tags.Patterns.FirstOrDefault(pattern => pattern.IsPrefix && !pattern.MatchesEverything) is { } prefix
            ? $"the tag pattern '{prefix}' cannot be consumed over RabbitMQ: a queue binding matches whole dot-separated words, not a prefix"
            : null;
    }

    /// <summary>The binding keys of a subscription: its exact tags, or <c>#</c> for every tag.</summary>
    private static IReadOnlyList<string> Bindings(TagFilter tags) =>
        CannotBind(tags) is { } problem
            ? throw new NotSupportedException(problem)
            : tags.MatchesAll ? [] : [.. tags.Patterns.Select(pattern => pattern.Value)];

    private static async Task TryCancelAsync(IChannel channel, string consumerTag)
    {
        try
        {
            await channel.BasicCancelAsync(consumerTag, noWait: false, CancellationToken.None);
        }
        catch (Exception e) when (BrokerFailures.IsBrokerFailure(e))
        {
            // The channel is gone: so is the consumer.
        }
    }

    /// <summary>The deliveries being handled: new ones start until <see cref="StopAsync"/>, which waits for those started.</summary>
    private sealed class InFlight
    {
        private readonly Lock _gate = new();
        private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;
        private bool _stopping;

        public void TryStart(Func<Task> work)
        {
            lock (_gate)
            {
                if (_stopping)
                {
                    return;
                }

                _count++;
            }

            _ = RunAsync(work);
        }

        public Task StopAsync()
        {
            lock (_gate)
            {
                _stopping = true;
                if (_count == 0)
                {
                    _drained.TrySetResult();
                }
            }

            return _drained.Task;
        }

        private async Task RunAsync(Func<Task> work)
        {
            try
            {
                await Task.Run(work);
            }
            catch (Exception)
            {
                // The handler reports its own failures; its message, unsettled, comes back when the channel closes.
            }
            finally
            {
                lock (_gate)
                {
                    if (--_count == 0 && _stopping)
                    {
                        _drained.TrySetResult();
                    }
                }
            }
        }
    }
}
