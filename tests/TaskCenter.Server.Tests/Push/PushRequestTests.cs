using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TaskCenter.Contracts;
using TaskCenter.Core.Push;
using TaskCenter.Core.Queue;
using TaskCenter.Server.Push;

namespace TaskCenter.Server.Tests.Push;

/// <summary>A pushed message as a real receiver on loopback gets it: the body as stored, signed, with its headers.</summary>
public sealed class PushRequestTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(Dictionary<string, string> Headers, byte[] Body)> _received = new();
    private WebApplication _receiver = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hooks/billing", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            // Kestrel reuses a request's header collection once it is answered: keep a copy.
            var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _received.Enqueue((headers, body.ToArray()));
            return TypedResults.NoContent();
        });
        await _receiver.StartAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task The_receiver_gets_the_data_as_stored_signed_with_the_groups_secret_and_the_messages_headers()
    {
        var secret = WebhookSignature.NewSecret();
        var key = WebhookSignature.ReadKey(secret, out _)!;
        var push = new PushSettings
        {
            Url = new Uri(ReceiverAddress(), "hooks/billing").ToString(),
            ContentType = "application/json; charset=utf-8",
            Headers = new Dictionary<string, string> { ["X-Team"] = "billing" },
            Secret = secret,
        };
        const string data = """{ "invoice": "A-17",  "note": "Grüße ✓" }""";
        var message = new QueueMessage
        {
            MsgId = "msg-42", TaskId = "6b15fa39824523f649e1f5bc", Name = "invoice", Data = data,
            FireTime = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600), Attempt = 3, LeaseUntil = DateTimeOffset.UtcNow.AddMinutes(1),
        };
        var now = DateTimeOffset.UtcNow;
        using var http = new HttpClient(PushHttp.CreateHandler(new PushTargets(["http://127.0.0.1:*"], [IPNetwork.Parse("127.0.0.0/8")])));

        using var answer = await http.SendAsync(PushRequest.Create(push, key, message, now));

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        var (headers, body) = Assert.Single(_received);
        Assert.Equal(Encoding.UTF8.GetBytes(data), body);
        Assert.Equal("application/json; charset=utf-8", headers["Content-Type"]);
        Assert.Equal("billing", headers["X-Team"]);
        Assert.Equal("msg-42", headers["webhook-id"]);
        Assert.Equal($"{now.ToUnixTimeSeconds()}", headers["webhook-timestamp"]);
        Assert.True(WebhookSignature.Verify(
            key, headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body, now, WebhookSignature.DefaultTolerance));
        Assert.Equal("6b15fa39824523f649e1f5bc", headers["taskcenter-taskid"]);
        Assert.Equal("invoice", headers["taskcenter-name"]);
        Assert.Equal("1767225600", headers["taskcenter-fire-time"]);
        Assert.Equal("3", headers["taskcenter-attempt"]);
    }

    private Uri ReceiverAddress() =>
        new(_receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
}
