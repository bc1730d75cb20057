using System.Net;
using System.Threading.Channels;

namespace TaskCenter.Client.Consumer;

/// <summary>
/// Sends the acknowledgements of one group in batches: every ack queued while a <c>/ack</c> call is in flight goes out
/// in the next call. Each <see cref="AckAsync"/> completes with that call's outcome for its message. The server acks a
/// call all or nothing and refuses it (409) when one of its messages was never handed out (e.g. redriven meanwhile):
/// then each message of the batch goes again on its own, so the others are acked and only that one fails.
/// </summary>
internal sealed class AckBatcher
{
    private const int MaxBatchSize = 1000;

    private readonly ITaskCenterClient _client;
    private readonly string _group;
    private readonly Channel<PendingAck> _queue = Channel.CreateUnbounded<PendingAck>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public AckBatcher(ITaskCenterClient client, string group)
    {
        _client = client;
        _group = group;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues an ack; after <see cref="CompleteAsync"/>, sends it on its own.</summary>
    /// <returns>Whether the server acknowledged the message. Faults with the <c>/ack</c> call's exception.</returns>
    public Task<bool> AckAsync(string msgId)
    {
        var pending = new PendingAck(msgId, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_queue.Writer.TryWrite(pending))
        {
            return pending.Result.Task;
        }

        return AckAloneAsync(msgId);
    }

    /// <summary>Stops taking acks and waits until every queued one was sent.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _loop;
    }

    private async Task<bool> AckAloneAsync(string msgId)
    {
        var acked = await _client.AckAsync(_group, [msgId], CancellationToken.None).ConfigureAwait(false);
        return acked.Contains(msgId, StringComparer.Ordinal);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingAck>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                // Not cancelable: an ack lost on shutdown means a redelivery. The client's request timeout bounds it.
                var acked = await _client.AckAsync(_group, batch.ConvertAll(p => p.MsgId), CancellationToken.None)
                    .ConfigureAwait(false);
                var ackedSet = new HashSet<string>(acked, StringComparer.Ordinal);
                foreach (var pending in batch)
                {
                    pending.Result.TrySetResult(ackedSet.Contains(pending.MsgId));
                }
            }
            catch (TaskCenterApiException refused) when (refused.StatusCode == HttpStatusCode.Conflict && batch.Count > 1)
            {
                await AckEachAloneAsync(batch).ConfigureAwait(false);
            }
            catch (Exception ex) // every failure goes to the waiting handlers; the loop must go on
            {
                foreach (var pending in batch)
                {
                    pending.Result.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    private async Task AckEachAloneAsync(List<PendingAck> batch)
    {
        foreach (var pending in batch)
        {
            try
            {
                pending.Result.TrySetResult(await AckAloneAsync(pending.MsgId).ConfigureAwait(false));
            }
            catch (Exception ex) // this message's failure is its handler's; the others go on
            {
                pending.Result.TrySetException(ex);
            }
        }
    }

    private sealed record PendingAck(string MsgId, TaskCompletionSource<bool> Result);
}
