using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using TaskCenter.RabbitMq.Contract;
using TaskCenter.Transport.RabbitMq.Broker;
using TaskCenter.Transport.RabbitMq.Publishing;

namespace TaskCenter.Transport.RabbitMq.Unrouted;

/// <summary>
/// Offers the fires kept in the unrouted queue (published while no group was bound to their tag) to the exchange again,
/// every <see cref="RabbitMqTransportOptions.UnroutedReofferInterval"/>, so a group that binds their tag later gets them.
/// A pass moves only the messages present when it starts: one still unroutable goes back to the queue's end through the
/// alternate exchange and waits for the next pass. A fire older than <see cref="RabbitMqTransportOptions.UnroutedRetention"/>
/// is dropped with a warning. Each message is acked only after its republished copy was confirmed.
/// </summary>
internal sealed class UnroutedReoffer(BrokerConnection broker, TimeProvider time, ILogger<UnroutedReoffer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = broker.Options;
        var backoff = new ReconnectBackoff(options);
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = options.UnroutedReofferInterval;
            try
            {
                await ReofferAsync(stoppingToken);
                backoff.Reset();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (BrokerFailures.IsBrokerFailure(ex))
                {
                    broker.ReportFailure(ex);
                }
                else
                {
                    logger.LogError(ex, "Offering unrouted fires to RabbitMQ again failed");
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks, backoff.Next().Ticks));
            }

            try
            {
                await Task.Delay(pause, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One pass over the messages the unrouted queue holds now.</summary>
    internal async Task ReofferAsync(CancellationToken cancellationToken)
    {
        var channel = await broker.OpenChannelAsync(confirms: true, cancellationToken);
        await using (channel)
        {
            var names = broker.Names;
            var present = await channel.MessageCountAsync(names.Unrouted, cancellationToken);
            long taken = 0;
            while (taken < present)
            {
                var batch = await TakeAsync(channel, names.Unrouted, (int)Math.Min(broker.Options.PublishBatchSize, present - taken), cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                taken += batch.Count;
                var offered = batch.Where(got => !IsExpired(got)).Select(got => Reoffer(names, got)).ToList();
                await ConfirmedPublisher.PublishAllAsync(channel, offered, mandatory: false, broker.Options.ConfirmTimeout, cancellationToken);
                await channel.BasicAckAsync(batch[^1].DeliveryTag, multiple: true, cancellationToken);
            }
        }
    }

    private static async Task<List<BasicGetResult>> TakeAsync(IChannel channel, string queue, int max, CancellationToken cancellationToken)
    {
        var batch = new List<BasicGetResult>(max);
        while (batch.Count < max && await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is { } got)
        {
            batch.Add(got);
        }

        return batch;
    }

    private bool IsExpired(BasicGetResult got)
    {
        if (MessageHeaders.GetInt64(got.BasicProperties.Headers, MessageHeaders.FireTime) is not { } fireTimeMs)
        {
            return false;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(fireTimeMs);
        if (age <= broker.Options.UnroutedRetention)
        {
            return false;
        }

        logger.LogWarning(
            "Dropped fire {MsgId} of task {Name}: no consumer group was bound to its tag within {Retention} after its fire time",
            got.BasicProperties.MessageId, got.RoutingKey, broker.Options.UnroutedRetention);
        return true;
    }

    /// <summary>The same message, to the topic exchange with its original routing key (the task name).</summary>
    private static OutgoingMessage Reoffer(AmqpNames names, BasicGetResult got)
    {
        var properties = new BasicProperties(got.BasicProperties);
        // The client's confirm tracking wrote its sequence number into the headers; the next publish writes its own.
        properties.Headers?.Remove(Constants.PublishSequenceNumberHeader);
        return new OutgoingMessage(names.Exchange, got.RoutingKey, properties, got.Body);
    }
}
