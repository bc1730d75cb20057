using TaskCenter.Transport.RabbitMq.GroupQueues;

namespace TaskCenter.Server.Push;

/// <summary>
/// Pushes one push group's messages from its RabbitMQ queue, which it declares and binds as a consumer of the group
/// would (<see cref="GroupQueueConsumer"/>), consuming with prefetch = the group's max_concurrency. Each delivery is
/// sent (<see cref="PushSender"/>) and settled as its answer says: delivered, acked; failed, retried through the delay
/// queues with the delay of its attempt or dead-lettered when its retries are used up; asked to retry later
/// (Retry-After), retried after that delay. While the target's circuit is open nothing is consumed: a delivery the
/// circuit refused goes back to the queue without counting an attempt, and consuming resumes when the circuit lets a
/// probe through. Deliveries unsettled when a channel or the connection fails return to the queue (at least once).
/// </summary>
internal sealed class RabbitMqGroupPusher(
    PushTarget target, GroupQueueConsumer queue, PushSender sender, PushAttemptLog attempts, TimeProvider time, ILogger logger) : IGroupPusher
{
    private static readonly TimeSpan OpenCircuitCheck = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly string _group = target.Group.Name;

    public PushTarget Target => target;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var push = target.Group.Push;
        var reconnectDelay = FirstReconnectDelay;
        var wasOpen = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (target.Circuit.IsOpen)
                {
                    if (!wasOpen)
                    {
                        logger.LogWarning("Push group {Group}: {Url} failed every recent push ({Error}); not consuming its queue, probing again in {Break}",
                            _group, push.Url, target.Circuit.LastError, target.Circuit.BreakDuration);
                        wasOpen = true;
                    }

                    await Task.Delay(OpenCircuitCheck, time, stoppingToken);
                    continue;
                }

                wasOpen = false;
                // A probe is pushed alone: consumed one at a time, and consumed again in full once it is answered.
                var probing = target.Circuit.IsProbing;
                using var pause = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await queue.ConsumeAsync(
                    _group, target.Group.Tags, probing ? 1 : push.MaxConcurrency, push.Timeout + GroupPusher.LeaseMargin,
                    delivery => PushAsync(delivery, probing, pause, stoppingToken), pause.Token);
                reconnectDelay = FirstReconnectDelay;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (NotSupportedException e)
            {
                logger.LogError("Push group {Group} cannot be pushed over RabbitMQ: {Error}; declare it with exact tags or *", _group, e.Message);
                await WaitForeverAsync(stoppingToken);
            }
            catch (Exception e)
            {
                logger.LogWarning("Push group {Group}: consuming its RabbitMQ queue failed ({Error}); its unsettled messages return to the queue; trying again in {Delay}",
                    _group, e.Message, reconnectDelay);
                await Task.Delay(reconnectDelay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                reconnectDelay = TimeSpan.FromTicks(Math.Min(reconnectDelay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
        }
    }

    /// <summary>Nothing to dispose: the consumer's channels close when <see cref="RunAsync"/> returns.</summary>
    public void Dispose()
    {
    }

    /// <summary>Sends one delivery and settles it; a delivery the open circuit refused, or a probe once answered, stops the consumer.</summary>
    /// <remarks>A push still waiting for its answer when the server stops is abandoned: its message returns to the queue.</remarks>
    private async Task PushAsync(GroupDelivery delivery, bool probing, CancellationTokenSource pause, CancellationToken stoppingToken)
    {
        var message = delivery.Message;
        try
        {
            var result = pause.IsCancellationRequested ? null : await sender.SendAsync(target, message, stoppingToken);
            if (result is null)
            {
                await delivery.GiveBackAsync();
                await pause.CancelAsync();
                return;
            }

            attempts.Record(result.Attempt);
            await (result.Outcome switch
            {
                PushOutcome.RetryAt retry => delivery.FailAsync(retry.Error, retry.At),
                PushOutcome.Failed failed => delivery.FailAsync(failed.Error),
                _ => delivery.AckAsync(),
            });
            if (probing)
            {
                await pause.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Abandoned at shutdown: the message returns to the queue when the channel closes.
        }
        catch (Exception e)
        {
            // Unsettled, the message returns to the queue when the channel closes.
            logger.LogError(e, "Push group {Group}: pushing {MsgId} failed unexpectedly; it returns to the queue", _group, message.MsgId);
        }
    }

    private static async Task WaitForeverAsync(CancellationToken stoppingToken) =>
        await Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
}
