using System.Collections.Concurrent;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Telemetry;

namespace TaskCenter.Core.Queue;

/// <summary>
/// The built-in queue's behaviour on top of its storage: consumer-group subscriptions and long polling.
/// <para>Delivery guarantee: a message leased here stays in storage until acked; if the consumer dies, its lease
/// ends and the message is delivered again with the same msgid (at-least-once).</para>
/// </summary>
public sealed class BuiltInQueue(IQueueStore store, QueueSignal signal, TimeProvider time) : IDeadLetterRedrive
{
    // Subscriptions already written, so a poll with an unchanged subscription costs no write.
    private readonly ConcurrentDictionary<string, string> _subscriptions = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<QueueMessage>> ConsumeAsync(ConsumeRequest request, CancellationToken cancellationToken)
    {
        await SubscribeAsync(request.Group, request.Tags, cancellationToken);
        var deadline = time.GetUtcNow() + request.Wait;
        while (true)
        {
            var woken = signal.Signal.Current;
            var now = time.GetUtcNow();
            var messages = await store.LeaseAsync(request.Group, request.Max, request.Lease, now, cancellationToken);
            if (messages.Count > 0 || now >= deadline)
            {
                QueueMetrics.HandedOut(request.Group, messages, time.GetUtcNow());
                return messages;
            }

            // Fires recorded ahead of their time, retries and expired leases become ready at a known time: wake then
            // (a millisecond after, so the wait does not end just before it), or when something new is recorded.
            var nextReady = await store.GetNextReadyAsync(request.Group, cancellationToken);
            var until = nextReady is { } ready && ready < deadline ? ready + TimeSpan.FromMilliseconds(1) : deadline;
            await signal.Signal.WaitUntilAsync(woken, until, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<string>> AckAsync(string group, IReadOnlyList<string> msgIds, CancellationToken cancellationToken)
    {
        var acked = await store.AckAsync(group, msgIds, time.GetUtcNow(), cancellationToken);
        QueueMetrics.Acked(group, acked.Count);
        return acked;
    }

    public async Task<NackOutcome> NackAsync(string group, string msgId, string? failure, CancellationToken cancellationToken)
    {
        var outcome = await store.NackAsync(group, msgId, failure, time.GetUtcNow(), cancellationToken);
        QueueMetrics.Nacked(group, outcome.Result);
        if (outcome.Result == NackResult.Retrying)
        {
            signal.MessagesReady();
        }

        return outcome;
    }

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string group, int limit, string? after, CancellationToken cancellationToken) =>
        store.ListDeadLettersAsync(group, limit, after, cancellationToken);

    public async Task<IReadOnlyList<string>> RedriveAsync(string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken)
    {
        var moved = await store.RedriveAsync(group, msgIds, time.GetUtcNow(), cancellationToken);
        if (moved.Count > 0)
        {
            signal.MessagesReady();
        }

        return moved;
    }

    public Task<IReadOnlyList<string>> PurgeDeadLettersAsync(string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken) =>
        store.PurgeDeadLettersAsync(group, msgIds, cancellationToken);

    private async Task SubscribeAsync(string group, TagFilter tags, CancellationToken cancellationToken)
    {
        var expression = tags.ToString();
        if (_subscriptions.TryGetValue(group, out var known) && known == expression)
        {
            return;
        }

        await store.SubscribeAsync(group, tags, time.GetUtcNow(), cancellationToken);
        _subscriptions[group] = expression;
    }
}
