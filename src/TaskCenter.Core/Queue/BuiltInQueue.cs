using Microsoft.Extensions.Options;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Telemetry;

namespace TaskCenter.Core.Queue;

/// <summary>
/// The built-in queue's behaviour on top of its storage: consumer-group subscriptions and long polling.
/// <para>Delivery guarantee: a message leased here stays in storage until acked; if the consumer dies, its lease
/// ends and the message is delivered again with the same msgid (at-least-once).</para>
/// </summary>
public sealed class BuiltInQueue(IFireLedger ledger, QueueSignal signal, TimeProvider time, IOptions<LimitOptions> limits) : IDeadLetterRedrive
{
    private readonly SubscriptionCache _subscriptions = new();

    /// <summary>
    /// Subscribes the group (making it, within the group limits: else <see cref="GroupLimitException"/>), then takes its
    /// messages, waiting for them up to the request's wait.
    /// </summary>
    public async Task<IReadOnlyList<QueueMessage>> ConsumeAsync(ConsumeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await SubscribeAsync(request.Group, request.Tags, request.Owner, cancellationToken);
        var deadline = time.GetUtcNow() + request.Wait;
        while (true)
        {
            var woken = signal.Signal.Current;
            var now = time.GetUtcNow();
            var messages = await ledger.LeaseAsync(request.Group, request.Max, request.Lease, now, cancellationToken);
            if (messages.Count > 0 || now >= deadline)
            {
                QueueMetrics.HandedOut(request.Group, messages, time.GetUtcNow());
                return messages;
            }

            // Fires recorded ahead of their time, retries and expired leases become ready at a known time: wake then
            // (a millisecond after, so the wait does not end just before it), or when something new is recorded.
            var nextReady = await ledger.GetNextReadyAsync(request.Group, cancellationToken);
            var until = nextReady is { } ready && ready < deadline ? ready + TimeSpan.FromMilliseconds(1) : deadline;
            await signal.Signal.WaitUntilAsync(woken, until, cancellationToken);
        }
    }

    public async Task<AckOutcome> AckAsync(string group, IReadOnlyList<string> msgIds, CancellationToken cancellationToken)
    {
        var outcome = await ledger.AckAsync(group, msgIds, time.GetUtcNow(), cancellationToken);
        QueueMetrics.Acked(group, outcome.Acked.Count);
        return outcome;
    }

    public Task<NackOutcome> NackAsync(string group, string msgId, string? failure, CancellationToken cancellationToken) =>
        NackAsync(group, msgId, failure, retryAt: null, cancellationToken);

    /// <summary>A nack whose retry is at <paramref name="retryAt"/> instead of the ladder's delay, when given.</summary>
    public async Task<NackOutcome> NackAsync(
        string group, string msgId, string? failure, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        var outcome = await ledger.NackAsync(group, msgId, failure, retryAt, time.GetUtcNow(), cancellationToken);
        QueueMetrics.Nacked(group, outcome.Result);
        if (outcome.Result == NackResult.Retrying)
        {
            signal.MessagesReady();
        }

        return outcome;
    }

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string group, int limit, string? after, CancellationToken cancellationToken) =>
        ledger.ListDeadLettersAsync(group, limit, after, cancellationToken);

    public async Task<IReadOnlyList<string>> RedriveAsync(string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken)
    {
        var moved = await ledger.RedriveAsync(group, msgIds, time.GetUtcNow(), cancellationToken);
        if (moved.Count > 0)
        {
            signal.MessagesReady();
        }

        return moved;
    }

    public Task<IReadOnlyList<string>> PurgeDeadLettersAsync(string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken) =>
        ledger.PurgeDeadLettersAsync(group, msgIds, cancellationToken);

    /// <inheritdoc cref="IFireLedger.ListGroupsAsync"/>
    public Task<IReadOnlyList<ConsumerGroup>> ListGroupsAsync(string? afterGroup, int limit, Func<string, bool> include, CancellationToken cancellationToken) =>
        ledger.ListGroupsAsync(afterGroup, limit, include, cancellationToken);

    /// <inheritdoc cref="IFireLedger.DeleteGroupAsync"/>
    public async Task<GroupRemoval?> DeleteGroupAsync(string group, CancellationToken cancellationToken)
    {
        _subscriptions.Forget(group);
        var removed = await ledger.DeleteGroupAsync(group, cancellationToken);
        _subscriptions.Forget(group); // A poll that subscribed meanwhile made the group again, or found it still there.
        return removed;
    }

    /// <summary>
    /// Subscribes the group to <paramref name="tags"/>, making it within the group limits (else
    /// <see cref="GroupLimitException"/>); a consume does so itself, a declared group before any consume.
    /// </summary>
    public async Task SubscribeAsync(string group, TagFilter tags, string? owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_subscriptions.Holds(group, tags, now))
        {
            return;
        }

        var result = await ledger.SubscribeAsync(group, tags, owner, now, cancellationToken);
        if (result != SubscribeResult.Subscribed)
        {
            throw new GroupLimitException(SubscriptionLimits.Refusal(result, group, owner, limits.Value));
        }

        _subscriptions.Stored(group, tags, now);
    }
}
