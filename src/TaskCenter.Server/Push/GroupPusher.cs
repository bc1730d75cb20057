using System.Threading.Channels;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.Server.Push;

/// <summary>
/// Pushes one push group's messages from the built-in queue: leases as many as it has free request slots (the group's
/// max_concurrency; one while the circuit probes, none while it is open), sends each (<see cref="PushSender"/>), and
/// settles it as its answer says: delivered messages are acked in batches, others nacked onto the retry ladder or to
/// the receiver's Retry-After. Each lease lasts the request's timeout and a margin, so a message whose instance dies is
/// pushed again, with the same webhook-id, once its lease ends.
/// </summary>
internal sealed class GroupPusher(
    PushTarget target, BuiltInQueue queue, PushSender sender, PushAttemptLog attempts, TimeProvider time, ILogger logger) : IGroupPusher
{
    /// <summary>How long a lease outlives its request's timeout: the answer is settled within it.</summary>
    public static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StorageRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OpenCircuitCheck = TimeSpan.FromMilliseconds(500);
    private const int MaxAckBatch = 1000;

    /// <summary>How long a stopping pusher waits for the answers of its pushes in flight.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly string _group = target.Group.Name;
    private readonly Channel<string> _delivered = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abandon = new();
    private readonly SemaphoreSlim _slots = new(target.Group.Push.MaxConcurrency, target.Group.Push.MaxConcurrency);

    public PushTarget Target => target;

    /// <summary>Pushes until <paramref name="stoppingToken"/> is cancelled, then waits for the pushes in flight and their acks.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var acking = AckDeliveredAsync();
        try
        {
            await LeaseAndPushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Every slot back = every push settled; then the last acks go out. Pushes still waiting for their answer
            // after the grace are abandoned: unsettled, they are pushed again when their leases end.
            var settled = AllSlotsBackAsync();
            if (await Task.WhenAny(settled, Task.Delay(ShutdownGrace, time, CancellationToken.None)) != settled)
            {
                await _abandon.CancelAsync();
                await settled;
            }

            _delivered.Writer.TryComplete();
            await acking;
        }
    }

    /// <summary>Once <see cref="RunAsync"/> returned.</summary>
    public void Dispose()
    {
        _slots.Dispose();
        _abandon.Dispose();
    }

    private async Task AllSlotsBackAsync()
    {
        for (var i = 0; i < target.Group.Push.MaxConcurrency; i++)
        {
            await _slots.WaitAsync(CancellationToken.None);
        }
    }

    private async Task LeaseAndPushAsync(CancellationToken stoppingToken)
    {
        var push = target.Group.Push;
        var lease = push.Timeout + LeaseMargin;
        var wasOpen = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (target.Circuit.IsOpen)
            {
                if (!wasOpen)
                {
                    logger.LogWarning("Push group {Group}: {Url} failed every recent push ({Error}); holding its messages back, probing again in {Break}",
                        _group, push.Url, target.Circuit.LastError, target.Circuit.BreakDuration);
                    wasOpen = true;
                }

                await Task.Delay(OpenCircuitCheck, time, stoppingToken);
                continue;
            }

            await _slots.WaitAsync(stoppingToken);
            var probing = target.Circuit.IsProbing;
            var taken = 1;
            while (!probing && taken < push.MaxConcurrency && _slots.Wait(0, CancellationToken.None))
            {
                taken++;
            }

            IReadOnlyList<QueueMessage> messages;
            try
            {
                messages = await queue.ConsumeAsync(
                    new ConsumeRequest(_group, target.Group.Tags, taken, LongPoll, lease)
                    {
                        Owner = target.Group.Owner,
                    },
                    stoppingToken);
            }
            catch (Exception e) when (e is StorageUnavailableException or GroupLimitException && !stoppingToken.IsCancellationRequested)
            {
                _slots.Release(taken);
                logger.LogWarning("Push group {Group}: cannot lease messages ({Error}); trying again in {Delay}", _group, e.Message, StorageRetry);
                await Task.Delay(StorageRetry, time, stoppingToken);
                continue;
            }
            catch
            {
                _slots.Release(taken);
                throw;
            }

            if (messages.Count < taken)
            {
                _slots.Release(taken - messages.Count);
            }

            if (wasOpen && !target.Circuit.IsOpen && messages.Count > 0)
            {
                wasOpen = false;
            }

            foreach (var message in messages)
            {
                // A probe is pushed alone: nothing else is leased until its answer closes (or reopens) the circuit.
                var pushing = PushAsync(message);
                if (probing)
                {
                    await pushing;
                }
            }
        }
    }

    private async Task PushAsync(QueueMessage message)
    {
        try
        {
            var result = await sender.SendAsync(target, message, _abandon.Token);
            if (result is null)
            {
                await SettleAsync(() => queue.NackAsync(
                    _group, message.MsgId, $"not sent: the target's circuit is open (last error: {target.Circuit.LastError})",
                    time.GetUtcNow() + target.Circuit.BreakDuration, CancellationToken.None));
                return;
            }

            attempts.Record(result.Attempt);
            switch (result.Outcome)
            {
                case PushOutcome.Delivered:
                    _delivered.Writer.TryWrite(message.MsgId);
                    break;
                case PushOutcome.RetryAt retry:
                    await SettleAsync(() => queue.NackAsync(_group, message.MsgId, retry.Error, retry.At, CancellationToken.None));
                    break;
                case PushOutcome.Failed failed:
                    await SettleAsync(() => queue.NackAsync(_group, message.MsgId, failed.Error, CancellationToken.None));
                    break;
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Abandoned at shutdown: pushed again when its lease ends.
        }
        catch (Exception e)
        {
            // Unsettled, the message is pushed again when its lease ends.
            logger.LogError(e, "Push group {Group}: pushing {MsgId} failed unexpectedly; it is pushed again when its lease ends", _group, message.MsgId);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task AckDeliveredAsync()
    {
        var batch = new List<string>(MaxAckBatch);
        while (await _delivered.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxAckBatch && _delivered.Reader.TryRead(out var msgId))
            {
                batch.Add(msgId);
            }

            await SettleAsync(() => queue.AckAsync(_group, batch, CancellationToken.None));
            batch.Clear();
        }
    }

    /// <summary>Runs an ack or nack; one that fails leaves its messages leased, pushed again when the lease ends.</summary>
    private async Task SettleAsync<T>(Func<Task<T>> settle)
    {
        try
        {
            await settle();
        }
        catch (StorageUnavailableException e)
        {
            logger.LogWarning("Push group {Group}: an ack or nack was not stored ({Error}); its messages are pushed again when their leases end", _group, e.Message);
        }
    }
}
