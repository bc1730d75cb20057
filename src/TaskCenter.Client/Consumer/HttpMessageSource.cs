namespace TaskCenter.Client.Consumer;

/// <summary>
/// The default <see cref="ITaskMessageSource"/>: the server's built-in queue over HTTP. Long-polls <c>/consume</c>,
/// batches the acks of returned handlers (<see cref="AckBatcher"/>) and reports failures with <c>/nack</c>.
/// </summary>
internal sealed class HttpMessageSource(ITaskCenterClient client, TaskConsumerOptions options) : ITaskMessageSource
{
    private string _subscription = "*";
    private AckBatcher? _acks;

    // What the subscribing call returned: handed out by the first ReceiveAsync. Only the consumer's one loop touches it.
    private IReadOnlyList<TaskMessage> _taken = [];

    public string Description => $"TaskCenter at {client.BaseAddress}";

    public async Task StartAsync(IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        _subscription = tags.Count == 0 ? "*" : string.Join(" || ", tags);
        _acks ??= new AckBatcher(client, options.Group);

        // The server records the group's subscription on its first consume call; this one does not wait for a message.
        _taken = await client.ConsumeAsync(Request(options.EffectivePrefetch, TimeSpan.Zero), cancellationToken)
            .ConfigureAwait(false);
    }

    public Task<IReadOnlyList<TaskMessage>> ReceiveAsync(int max, CancellationToken cancellationToken)
    {
        if (_taken.Count == 0)
        {
            return client.ConsumeAsync(Request(max, options.WaitTime), cancellationToken);
        }

        IReadOnlyList<TaskMessage> first = [.. _taken.Take(max)];
        _taken = [.. _taken.Skip(max)];
        return Task.FromResult(first);
    }

    public Task<bool> AckAsync(TaskMessage message) => _acks!.AckAsync(message.MsgId);

    public async Task<bool> AckAsync(string msgId, CancellationToken cancellationToken)
    {
        var acked = await client.AckAsync(options.Group, [msgId], cancellationToken).ConfigureAwait(false);
        return acked.Contains(msgId, StringComparer.Ordinal);
    }

    // Not cancelable: a report lost on shutdown only delays the retry until the lease ends. The request timeout bounds it.
    public Task<NackOutcome> NackAsync(TaskMessage message, string failure) =>
        client.NackAsync(options.Group, message.MsgId, failure, CancellationToken.None);

    public Task CompleteAsync() => _acks?.CompleteAsync() ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private ConsumeRequest Request(int max, TimeSpan wait) => new()
    {
        Group = options.Group,
        Tags = _subscription,
        MaxMessages = max,
        WaitTime = wait,
        Lease = options.Lease,
    };
}
