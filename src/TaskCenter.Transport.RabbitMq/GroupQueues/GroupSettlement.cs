using RabbitMQ.Client;
using TaskCenter.Core.Queue;
using TaskCenter.RabbitMq.Contract;
using TaskCenter.Transport.RabbitMq.Broker;

namespace TaskCenter.Transport.RabbitMq.GroupQueues;

/// <summary>
/// Settles the deliveries of one consumption of a group's queue: acks and nacks on the consuming channel, retry and
/// dead-letter copies (persistent, mandatory, confirmed) on the publishing one. The delay queues of the retry ladder are
/// declared before consuming; the delay of a Retry-After is rounded up (<see cref="RetryAfterDelay"/>) and its delay
/// queue declared on first use.
/// </summary>
internal sealed class GroupSettlement(
    BrokerConnection broker, IChannel publishing, IChannel consuming, string group, QueueOptions retries, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _declaring = new(1, 1);
    private readonly HashSet<long> _delayQueues = [.. retries.RetryDelays.Select(Topology.DelayMs)];

    public async Task AckAsync(ulong deliveryTag)
    {
        try
        {
            await consuming.BasicAckAsync(deliveryTag, multiple: false, CancellationToken.None);
        }
        catch (Exception e) when (BrokerFailures.IsBrokerFailure(e))
        {
            // The channel is gone: the broker delivers the message again.
        }
    }

    public async Task GiveBackAsync(ulong deliveryTag)
    {
        try
        {
            await consuming.BasicNackAsync(deliveryTag, multiple: false, requeue: true, CancellationToken.None);
        }
        catch (Exception e) when (BrokerFailures.IsBrokerFailure(e))
        {
            // The channel is gone: the message is back in the queue already.
        }
    }

    public async Task<NackOutcome> FailAsync(ulong deliveryTag, DeliveredFire fire, byte[] body, string failure, DateTimeOffset? retryAt)
    {
        var now = time.GetUtcNow();
        FailureCopy copy;
        NackOutcome outcome;
        if (retries.AttemptsUsedUp(fire.Attempt))
        {
            copy = fire.DeadLetterCopy(broker.Names, group, now, failure);
            outcome = new NackOutcome(NackResult.DeadLettered);
        }
        else
        {
            var delayMs = retryAt is { } at
                ? await DeclaredDelayAsync(RetryAfterDelay(at - now))
                : Topology.DelayMs(retries.DelayBeforeRetry(fire.Attempt));
            copy = fire.RetryCopy(broker.Names, group, delayMs, failure);
            outcome = new NackOutcome(NackResult.Retrying, now.AddMilliseconds(delayMs));
        }

        try
        {
            using var timeout = new CancellationTokenSource(broker.Options.ConfirmTimeout);
            await publishing.BasicPublishAsync(copy.Exchange, copy.RoutingKey, mandatory: true, copy.Properties, body, timeout.Token);
        }
        catch
        {
            await GiveBackAsync(deliveryTag);
            throw;
        }

        // Acked after the copy is safe: if this ack is lost, the broker delivers the original again (at least once).
        await AckAsync(deliveryTag);
        return outcome;
    }

    /// <summary>
    /// The delay of a retry asked for in <paramref name="wait"/> (a receiver's Retry-After), in ms, rounded up so that few
    /// delay queues serve every answer: to the second under a minute, to 10 s under 10 minutes, to the minute under an
    /// hour, to 10 minutes beyond (at most 1/6 longer than asked, past the first minute).
    /// </summary>
    internal static long RetryAfterDelay(TimeSpan wait)
    {
        var step = wait <= TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(1)
            : wait <= TimeSpan.FromMinutes(10) ? TimeSpan.FromSeconds(10)
            : wait <= TimeSpan.FromHours(1) ? TimeSpan.FromMinutes(1)
            : TimeSpan.FromMinutes(10);
        var steps = wait <= TimeSpan.Zero ? 0 : (wait.Ticks + step.Ticks - 1) / step.Ticks;
        return Topology.DelayMs(TimeSpan.FromTicks(steps * step.Ticks));
    }

    private async Task<long> DeclaredDelayAsync(long delayMs)
    {
        if (delayMs == 0)
        {
            return 0;
        }

        await _declaring.WaitAsync();
        try
        {
            if (_delayQueues.Add(delayMs))
            {
                try
                {
                    await Topology.DeclareDelayQueueAsync(publishing, broker.Names, delayMs, CancellationToken.None);
                }
                catch
                {
                    _delayQueues.Remove(delayMs);
                    throw;
                }
            }

            return delayMs;
        }
        finally
        {
            _declaring.Release();
        }
    }

    /// <summary>Once every delivery is settled.</summary>
    public void Dispose() => _declaring.Dispose();
}
