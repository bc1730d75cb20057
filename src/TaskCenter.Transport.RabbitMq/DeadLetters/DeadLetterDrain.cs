using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Transport.RabbitMq.Broker;

namespace TaskCenter.Transport.RabbitMq.DeadLetters;

/// <summary>
/// Moves the messages consumers dead-lettered on RabbitMQ into storage, where the dead-letter API lists, redrives and
/// purges them: each is recorded (idempotently) before it is acked, so a crash in between only records it again. When
/// storage or the broker fails, the channel is closed (unacked messages return to the queue) and the drain starts over
/// after a pause. It starts once storage is ready.
/// </summary>
internal sealed class DeadLetterDrain(
    BrokerConnection broker, IFireLedger ledger, StorageReadiness readiness, TimeProvider time, ILogger<DeadLetterDrain> logger)
    : BackgroundService
{
    private const ushort Prefetch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReadyAsync(stoppingToken);
        var backoff = new ReconnectBackoff(broker.Options);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var failure = await DrainUntilFailureAsync(backoff, stoppingToken);
                if (BrokerFailures.IsBrokerFailure(failure))
                {
                    broker.ReportFailure(failure);
                }
                else if (failure is StorageUnavailableException)
                {
                    // The database is down: the storage and health say so; one line, no stack trace.
                    logger.LogWarning("Cannot record dead letters: {Error}; they stay in {Queue}", failure.Message, broker.Names.DeadLetters);
                }
                else
                {
                    logger.LogWarning(failure, "Recording dead letters from RabbitMQ failed; they stay in {Queue}", broker.Names.DeadLetters);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (BrokerFailures.IsBrokerFailure(ex))
            {
                broker.ReportFailure(ex);
            }

            try
            {
                await Task.Delay(backoff.Next(), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Consumes the dead-letter queue until something fails; returns what failed.</summary>
    private async Task<Exception> DrainUntilFailureAsync(ReconnectBackoff backoff, CancellationToken stoppingToken)
    {
        var channel = await broker.OpenChannelAsync(confirms: false, stoppingToken);
        await using (channel)
        {
            var failed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
            channel.ChannelShutdownAsync += (_, reason) =>
            {
                failed.TrySetResult(new IOException($"the channel was closed: {reason.ReplyText}"));
                return Task.CompletedTask;
            };
            await channel.BasicQosAsync(0, Prefetch, global: false, stoppingToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                try
                {
                    await RecordAsync(channel, delivery, stoppingToken);
                }
                catch (Exception ex)
                {
                    failed.TrySetResult(ex);
                }
            };
            await channel.BasicConsumeAsync(broker.Names.DeadLetters, autoAck: false, consumer, stoppingToken);
            backoff.Reset();
            return await failed.Task.WaitAsync(stoppingToken);
        }
    }

    private async Task RecordAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        var letter = DeadLetterReader.Read(delivery.BasicProperties, delivery.Body, delivery.RoutingKey, time.GetUtcNow());
        await ledger.AddDeadLettersAsync([letter], cancellationToken);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
        logger.LogWarning(
            "Message {MsgId} of task {TaskId} ({Name}) ran out of attempts in group {Group} after {Attempts}: now a dead letter ({LastError})",
            letter.MsgId, letter.TaskId, letter.Name, letter.Group, letter.Attempts, letter.LastError);
    }
}
