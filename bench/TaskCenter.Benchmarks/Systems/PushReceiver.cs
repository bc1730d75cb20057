using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaskCenter.Client.Webhooks;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// The least a push target can be: Kestrel in the harness process on loopback, HTTP/1.1, that reads each push's body
/// (the job's index), records the fire in the <see cref="FireLog"/> with the <c>taskcenter-fire-time</c> header as its
/// scheduled time, and answers 204 at once. It does not verify signatures: the row measures delivery, not a receiver.
/// </summary>
public sealed class PushReceiver : IAsyncDisposable
{
    private const string Path = "/push";
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);
    private readonly WebApplication _app;

    private PushReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where pushes go.</summary>
    public Uri Url { get; }

    public static async Task<PushReceiver> StartAsync(FireLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        app.MapPost(Path, async context =>
        {
            using var body = new StreamReader(context.Request.Body);
            var data = await body.ReadToEndAsync(context.RequestAborted);
            if (long.TryParse(context.Request.Headers[WebhookHeaders.FireTime], NumberStyles.None, CultureInfo.InvariantCulture, out var fireTime))
            {
                JobPayload.Record(log, data, DateTimeOffset.FromUnixTimeSeconds(fireTime));
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new PushReceiver(app, new Uri(new Uri(address), Path));
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
    }
}
