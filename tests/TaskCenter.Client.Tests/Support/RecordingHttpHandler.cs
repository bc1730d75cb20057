using System.Collections.Concurrent;

namespace TaskCenter.Client.Tests.Support;

/// <summary>
/// Records what the client sends, then forwards it to a real <see cref="SocketsHttpHandler"/>: the server answers as
/// usual, and its answers are recorded too. Pass it as <see cref="TaskCenterClientOptions.HttpHandler"/>; disposing it
/// disposes the inner handler.
/// </summary>
public sealed class RecordingHttpHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<SentRequest> Sent { get; } = new();

    /// <summary>The paths of the requests whose answers arrived, in that order.</summary>
    public ConcurrentQueue<string> Answered { get; } = new();

    /// <summary>Each request whose answer arrived, with both bodies.</summary>
    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Sent.Enqueue(new SentRequest(request.Method, request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString()));
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        Answered.Enqueue(request.RequestUri.AbsolutePath);
        await response.Content.LoadIntoBufferAsync(cancellationToken); // read here and again by the client
        Exchanges.Enqueue(new Exchange(request.Method, request.RequestUri.AbsolutePath, body, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
        return response;
    }

    /// <summary>One request: its method, path and <c>Authorization</c> header (<see langword="null"/> when none was sent).</summary>
    public sealed record SentRequest(HttpMethod Method, string Path, string? Authorization);

    /// <summary>One request and its answer: the request's body (<see langword="null"/> when none), the answer's status and body.</summary>
    public sealed record Exchange(HttpMethod Method, string Path, string? Body, int Status, string Answer);
}
