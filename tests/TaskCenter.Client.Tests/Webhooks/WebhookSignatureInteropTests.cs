using System.Text;
using TaskCenter.Contracts;
using TaskCenter.Testing;

namespace TaskCenter.Client.Tests.Webhooks;

/// <summary>
/// TaskCenter's push signatures against an independent implementation, the npm standardwebhooks package
/// (tests/interop/webhooks/signature.js): each verifies what the other signed.
/// </summary>
public sealed class WebhookSignatureInteropTests
{
    private const string Body = """{"invoice":"A-17","lines":[1,2,3],"note":"Grüße – ✓"}""";

    [Fact]
    public async Task The_npm_standardwebhooks_package_verifies_a_signature_made_here()
    {
        var secret = WebhookSignature.NewSecret();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(Key(secret), "msg-1", timestamp, Encoding.UTF8.GetBytes(Body));

        var (ok, error) = await StandardWebhooksNode.VerifyAsync(secret, "msg-1", $"{timestamp}", signature, Body);

        Assert.True(ok, error);
    }

    [Fact]
    public async Task The_npm_standardwebhooks_package_refuses_a_signature_of_another_body()
    {
        var secret = WebhookSignature.NewSecret();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(Key(secret), "msg-1", timestamp, Encoding.UTF8.GetBytes(Body));

        var (ok, _) = await StandardWebhooksNode.VerifyAsync(secret, "msg-1", $"{timestamp}", signature, Body + " ");

        Assert.False(ok);
    }

    [Fact]
    public async Task A_signature_made_by_the_npm_standardwebhooks_package_verifies_here()
    {
        var secret = WebhookSignature.NewSecret();
        var now = DateTimeOffset.UtcNow;

        var signature = await StandardWebhooksNode.SignAsync(secret, "msg-2", now.ToUnixTimeSeconds(), Body);

        Assert.True(WebhookSignature.Verify(
            Key(secret), "msg-2", $"{now.ToUnixTimeSeconds()}", signature, Encoding.UTF8.GetBytes(Body), now,
            WebhookSignature.DefaultTolerance));
    }

    private static byte[] Key(string secret) => WebhookSignature.ReadKey(secret, out var problem) ?? throw new InvalidOperationException(problem);
}
