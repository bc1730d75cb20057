using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Telemetry;
using TaskCenter.Transport.RabbitMq.Broker;

namespace TaskCenter.Transport.RabbitMq.Publishing;

/// <summary>
/// Publishes the outbox's fires when they fall due, earliest first, in batches whose confirms are awaited before the
/// outbox marks them published: a fire counts as delivered to the broker only once the broker confirmed it. Sleeps until
/// the next unpublished fire time, woken early when this instance records fires and at least every
/// <see cref="RabbitMqTransportOptions.PollInterval"/> (another instance may record them). While the broker is down the
/// fires stay in the outbox, and go out in fire-time order once it is back. It starts once storage is ready.
/// </summary>
internal sealed class FirePublisher(
    BrokerConnection broker,
    IFireLedger ledger,
    StorageReadiness readiness,
    FireWakeup wakeup,
    TimeProvider time,
    ILogger<FirePublisher> logger) : BackgroundService
{
    // A fire is taken a millisecond after its time, so the wait does not end just before it.
    private static readonly TimeSpan DueMargin = TimeSpan.FromMilliseconds(1);

    private readonly RabbitMqTransportOptions _options = broker.Options;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReadyAsync(stoppingToken);
        var backoff = new ReconnectBackoff(_options);
        IChannel? channel = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var woken = wakeup.Signal.Current;
                    channel ??= await broker.OpenChannelAsync(confirms: true, stoppingToken);
                    var open = channel;
                    var dueBy = time.GetUtcNow();
                    var published = await ledger.PublishDueAsync(
                        dueBy, _options.PublishBatchSize, (fires, ct) => PublishAsync(open, fires, ct), stoppingToken);
                    backoff.Reset();
                    if (published < _options.PublishBatchSize)
                    {
                        await wakeup.Signal.WaitUntilAsync(woken, await NextLookAsync(dueBy, stoppingToken), stoppingToken);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (PublishException ex)
                {
                    // Reachable, but it refused a fire (e.g. a queue at its length limit rejecting publishes).
                    logger.LogWarning(
                        "RabbitMQ did not accept fires ({Error}); they stay in the outbox and are published again", ex.Message);
                    channel = await CloseQuietlyAsync(channel);
                    await PauseAsync(backoff.Next(), stoppingToken);
                }
                catch (Exception ex)
                {
                    if (BrokerFailures.IsBrokerFailure(ex))
                    {
                        broker.ReportFailure(ex);
                    }
                    else if (ex is StorageUnavailableException)
                    {
                        // The database is down: the storage and health say so; one line, no stack trace.
                        logger.LogWarning("Cannot read the outbox: {Error}; publishing resumes when the database is back", ex.Message);
                    }
                    else
                    {
                        logger.LogError(ex, "Publishing fires to RabbitMQ failed; they stay in the outbox");
                    }

                    channel = await CloseQuietlyAsync(channel);
                    await PauseAsync(backoff.Next(), stoppingToken);
                }
            }
        }
        finally
        {
            await CloseQuietlyAsync(channel);
        }
    }

    private async Task PublishAsync(IChannel channel, IReadOnlyList<FireRecord> fires, CancellationToken cancellationToken)
    {
        var messages = fires.Select(fire => OutgoingMessage.ForFire(broker.Names, fire)).ToList();
        await ConfirmedPublisher.PublishAllAsync(channel, messages, mandatory: false, _options.ConfirmTimeout, cancellationToken);
        FireLateness.RecordPublished(fires, time.GetUtcNow());
        logger.LogDebug("Published {Count} fires to RabbitMQ, the last due at {FireTime:O}", fires.Count, fires[^1].FireTime);
    }

    /// <summary>When to look at the outbox again: the next fire time, but no later than the poll interval.</summary>
    private async Task<DateTimeOffset> NextLookAsync(DateTimeOffset lastDueBy, CancellationToken cancellationToken)
    {
        var poll = time.GetUtcNow() + _options.PollInterval;
        var next = await ledger.GetNextUnpublishedAsync(cancellationToken);
        if (next is not { } due || due + DueMargin >= poll)
        {
            return poll;
        }

        // Due when the outbox was asked, yet not taken: another instance holds those fires; come back at the poll. (Fires
        // this instance records late, with a past fire time, wake the publisher through the signal.)
        return due <= lastDueBy ? poll : due + DueMargin;
    }

    private async Task PauseAsync(TimeSpan pause, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(pause, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static async Task<IChannel?> CloseQuietlyAsync(IChannel? channel)
    {
        if (channel is null)
        {
            return null;
        }

        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception ex) when (BrokerFailures.IsBrokerFailure(ex))
        {
            // The broker already dropped it.
        }

        return null;
    }
}
