namespace TaskCenter.Client.Tests.Support;

/// <summary>
/// Forwards the client's requests to a real <see cref="SocketsHttpHandler"/>, except that it holds every <c>/ack</c> call
/// until <see cref="Release"/>: an acknowledgement still on its way. Pass it as
/// <see cref="TaskCenterClientOptions.HttpHandler"/>; disposing it disposes the inner handler.
/// </summary>
public sealed class HeldAckHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once an <c>/ack</c> call is being held.</summary>
    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the held <c>/ack</c> calls, and every later one, through.</summary>
    public void Release() => _released.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/ack", StringComparison.Ordinal))
        {
            Holding.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
