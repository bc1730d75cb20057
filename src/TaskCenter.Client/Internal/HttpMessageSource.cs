namespace TaskCenter.Client.Internal;

/// <summary>
/// The default <see cref="ITaskMessageSource"/>: the server's built-in queue over HTTP. Long-polls <c>/consume</c>,
/// batches the acks of returned handlers (<see cref="AckBatcher"/>) and reports failures with <c>/nack</c>.
/// </summary>
internal sealed class HttpMessageSource(TaskCenterClient client, bool ownsClient, TaskConsumerOptions options) : ITaskMessageSource
{
    private string _subscription = "*";
    private AckBatcher? _acks;

    public string Description => client.BaseAddress.ToString();

    public void Start(IReadOnlyList<string> tags)
    {
        _subscription = tags.Count == 0 ? "*" : string.Join(" || ", tags);
        _acks = new AckBatcher(client, options.Group);
    }

    public Task<IReadOnlyList<TaskMessage>> ReceiveAsync(int max, CancellationToken cancellationToken)
    {
        var request = new ConsumeRequest
        {
            Group = options.Group,
            Tags = _subscription,
            MaxMessages = max,
            WaitTime = options.WaitTime,
            Lease = options.Lease,
        };
        return client.ConsumeAsync(request, cancellationToken);
    }

    public Task<bool> AckAsync(TaskMessage message) => _acks!.AckAsync(message.MsgId);

    public async Task<bool> AckAsync(string msgId, CancellationToken cancellationToken)
    {
        var acked = await client.AckAsync(options.Group, [msgId], cancellationToken).ConfigureAwait(false);
        return acked.Contains(msgId, StringComparer.Ordinal);
    }

    // Not cancelable: a report lost on shutdown only delays the retry until the lease ends. The request timeout bounds it.
    public Task<NackResult> NackAsync(TaskMessage message, string failure) =>
        client.NackAsync(options.Group, message.MsgId, failure, CancellationToken.None);

    public Task CompleteAsync() => _acks?.CompleteAsync() ?? Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (ownsClient)
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
