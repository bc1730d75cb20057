using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TaskCenter.Client.AspNetCore.Tests.Support;
using TaskCenter.Contracts;

namespace TaskCenter.Client.AspNetCore.Tests;

/// <summary>
/// <see cref="TaskCenterWebhookEndpointRouteBuilderExtensions.MapTaskCenterWebhook(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string, string, Func{PushedMessage, CancellationToken, Task})"/>
/// in a real Kestrel app on loopback, sent requests signed as the server signs them: what reaches the handler, and what
/// the endpoint answers the server for each outcome.
/// </summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private static readonly string Secret = WebhookSignature.NewSecret();
    private static readonly byte[] Key = WebhookSignature.ReadKey(Secret, out _)!;

    private readonly ConcurrentDictionary<string, PushedMessage> _handled = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(new Team("billing"));
        _app = builder.Build();
        _app.MapTaskCenterWebhook("/hooks/invoice", Secret, (message, _) => Record(message));
        _app.MapTaskCenterWebhook("/hooks/failing", Secret, async (message, _) =>
        {
            await Record(message);
            throw new InvalidOperationException("The ledger is down.");
        });
        _app.MapTaskCenterWebhook("/hooks/later", Secret, async (message, _) =>
        {
            await Record(message);
            throw new RetryLaterException(TimeSpan.FromSeconds(89.2), "Busy: try again.");
        });
        _app.MapTaskCenterWebhook("/hooks/small", new TaskCenterWebhookOptions { Secret = Secret, MaxBodySize = 16 }, (message, _) => Record(message));
        _app.MapTaskCenterWebhook("/hooks/services", Secret, (message, services, _) =>
            Record(message with { Name = services.GetRequiredService<Team>().Name }));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_request_reaches_the_handler_with_every_field_and_is_answered_204()
    {
        const string data = """{ "invoice": "A-17", "note": "Grüße ✓" }""";
        using var request = Signed("/hooks/invoice", data, "msg-delivered");
        request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        using var answer = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        var message = _handled["msg-delivered"];
        Assert.Equal("msg-delivered", message.MsgId);
        Assert.Equal(SignedPush.TaskId, message.TaskId);
        Assert.Equal(SignedPush.Name, message.Name);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(SignedPush.FireTime), message.FireTime);
        Assert.Equal(3, message.Attempt);
        Assert.Equal("application/json; charset=utf-8", message.ContentType);
        Assert.Equal(Encoding.UTF8.GetBytes(data), message.Body.ToArray());
        Assert.Equal(data, message.Data);
    }

    [Fact]
    public async Task A_request_not_signed_with_the_secret_or_not_recent_is_401_and_the_handler_is_not_called()
    {
        var now = DateTimeOffset.UtcNow;
        var refused = new (string Case, Func<HttpRequestMessage> Request)[]
        {
            ("another secret", () => Signed("/hooks/invoice", "x", "msg-other-secret", key: WebhookSignature.ReadKey(WebhookSignature.NewSecret(), out _))),
            ("a changed body", () => Signed("/hooks/invoice", "x", "msg-changed", bodySent: "y")),
            ("no signature", () => Without(Signed("/hooks/invoice", "x", "msg-unsigned"), WebhookSignature.SignatureHeader)),
            ("no id", () => Without(Signed("/hooks/invoice", "x", "msg-no-id"), WebhookSignature.IdHeader)),
            ("no timestamp", () => Without(Signed("/hooks/invoice", "x", "msg-no-time"), WebhookSignature.TimestampHeader)),
            ("signed 6 minutes ago", () => Signed("/hooks/invoice", "x", "msg-old", signedAt: now.AddMinutes(-6))),
            ("signed 6 minutes ahead", () => Signed("/hooks/invoice", "x", "msg-ahead", signedAt: now.AddMinutes(6))),
        };

        foreach (var (@case, request) in refused)
        {
            using var sent = request();
            using var answer = await _http.SendAsync(sent);
            Assert.True(answer.StatusCode == HttpStatusCode.Unauthorized, $"{@case}: {answer.StatusCode}");
        }

        Assert.Empty(_handled);
    }

    [Fact]
    public async Task A_handler_that_throws_is_answered_500_with_its_failure_so_the_server_retries()
    {
        using var answer = await _http.SendAsync(Signed("/hooks/failing", "x", "msg-failing"));

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        Assert.Equal("InvalidOperationException: The ledger is down.", await answer.Content.ReadAsStringAsync());
        Assert.True(_handled.ContainsKey("msg-failing"));
    }

    [Fact]
    public async Task A_handler_that_asks_for_a_retry_later_is_answered_503_with_retry_after_in_whole_seconds()
    {
        using var answer = await _http.SendAsync(Signed("/hooks/later", "x", "msg-later"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(90), answer.Headers.RetryAfter?.Delta);
        Assert.Equal("Busy: try again.", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_with_or_without_a_content_length_and_the_handler_is_not_called()
    {
        const string seventeenBytes = "12345678901234567";
        using var withLength = Signed("/hooks/small", seventeenBytes, "msg-big");
        using var chunked = Signed("/hooks/small", seventeenBytes, "msg-big-chunked");
        chunked.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(seventeenBytes))); // no Content-Length: sent chunked
        chunked.Headers.TransferEncodingChunked = true;

        using var answer = await _http.SendAsync(withLength);
        using var chunkedAnswer = await _http.SendAsync(chunked);
        using var atTheLimit = await _http.SendAsync(Signed("/hooks/small", seventeenBytes[..16], "msg-at-limit"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, atTheLimit.StatusCode);
        Assert.Equal(["msg-at-limit"], _handled.Keys);
    }

    [Fact]
    public async Task A_signed_request_without_taskcenters_headers_is_400()
    {
        using var answer = await _http.SendAsync(Without(Signed("/hooks/invoice", "x", "msg-no-attempt"), PushHeaders.Attempt));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Empty(_handled);
    }

    [Fact]
    public async Task A_handler_taking_services_gets_the_requests_services()
    {
        using var answer = await _http.SendAsync(Signed("/hooks/services", "x", "msg-services"));

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("billing", _handled["msg-services"].Name);
    }

    [Fact]
    public void A_secret_that_is_not_a_standard_webhooks_secret_is_refused_when_the_endpoint_is_mapped()
    {
        var failure = Assert.Throws<ArgumentException>(() => _app.MapTaskCenterWebhook("/hooks/bad", "not-a-secret", (_, _) => Task.CompletedTask));

        Assert.Equal("secret", failure.ParamName);
    }

    private Task Record(PushedMessage message)
    {
        _handled[message.MsgId] = message;
        return Task.CompletedTask;
    }

    private static HttpRequestMessage Signed(
        string path, string body, string msgId, byte[]? key = null, DateTimeOffset? signedAt = null, string? bodySent = null) =>
        SignedPush.Create(path, body, msgId, key ?? Key, signedAt: signedAt, bodySent: bodySent);

    private static HttpRequestMessage Without(HttpRequestMessage request, string header)
    {
        request.Headers.Remove(header);
        return request;
    }

    private sealed record Team(string Name);
}
