using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaskCenter.Contracts;

namespace TaskCenter.Server.Tests.Push;

/// <summary>A push request as a receiver got it.</summary>
public sealed record ReceivedPush(IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset ReceivedAt)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"no header {name}");

    /// <summary>Whether the request carries a valid Standard Webhooks signature under <paramref name="secret"/>.</summary>
    public bool IsSignedWith(string secret) =>
        WebhookSignature.Verify(
            WebhookSignature.ReadKey(secret, out _)!, Header("webhook-id"), Header("webhook-timestamp"), Header("webhook-signature"), Body,
            DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance);
}

/// <summary>
/// A real HTTP receiver on loopback for push tests: records every request and answers as <see cref="Answer"/> says
/// (204 by default). It can go down and come back on the same port.
/// </summary>
public sealed class PushReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    private PushReceiver()
    {
    }

    /// <summary>Every request, in arrival order.</summary>
    public Channel<ReceivedPush> Received { get; } = Channel.CreateUnbounded<ReceivedPush>();

    /// <summary>How to answer a request (it may await, to play a slow receiver).</summary>
    public Func<ReceivedPush, Task<IResult>> Answer { get; set; } = _ => Task.FromResult<IResult>(TypedResults.NoContent());

    public int Port { get; private set; }

    public string Url(string path = "hooks/push") => $"http://127.0.0.1:{Port}/{path}";

    public static async Task<PushReceiver> StartAsync()
    {
        var receiver = new PushReceiver();
        await receiver.UpAsync(0);
        return receiver;
    }

    /// <summary>Stops listening: connections to the port are refused.</summary>
    public async Task DownAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public Task UpAsync() => UpAsync(Port);

    public ValueTask DisposeAsync() => new(DownAsync());

    /// <summary>An answer of 429 with Retry-After in seconds.</summary>
    public static IResult RetryLater(int seconds) => new RetryLaterResult(seconds);

    private async Task UpAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            // Kestrel reuses a request's header collection once it is answered: keep a copy.
            var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            headers["path"] = request.Path.Value ?? "";
            var received = new ReceivedPush(headers, body.ToArray(), DateTimeOffset.UtcNow);
            Received.Writer.TryWrite(received);
            return await Answer(received);
        });
        await app.StartAsync();
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _app = app;
    }

    private sealed class RetryLaterResult(int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }
    }
}
