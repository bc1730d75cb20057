using System.Text;
using Microsoft.Extensions.Time.Testing;
using TaskCenter.Client.Webhooks;
using TaskCenter.Contracts;

namespace TaskCenter.Client.Tests.Webhooks;

/// <summary>The SDK's verifier of pushed requests: the signature under the group's secret, and a recent timestamp.</summary>
public sealed class WebhookVerifierTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"invoice":"A-17"}""");

    [Fact]
    public void A_request_signed_with_the_secret_recently_verifies_and_a_changed_or_old_one_does_not()
    {
        var secret = WebhookSignature.NewSecret();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_767_225_600));
        var verifier = new WebhookVerifier(secret, time);
        var signature = WebhookSignature.Sign(WebhookSignature.ReadKey(secret, out _)!, "msg-1", 1_767_225_600, Body);

        Assert.True(verifier.Verify("msg-1", "1767225600", signature, Body));
        Assert.False(verifier.Verify("msg-2", "1767225600", signature, Body));
        Assert.False(verifier.Verify("msg-1", "1767225600", signature, Encoding.UTF8.GetBytes("""{"invoice":"A-18"}""")));
        Assert.False(verifier.Verify(null, "1767225600", signature, Body));
        Assert.False(verifier.Verify("msg-1", null, signature, Body));
        Assert.False(verifier.Verify("msg-1", "1767225600", null, Body));

        time.Advance(TimeSpan.FromMinutes(6));
        Assert.False(verifier.Verify("msg-1", "1767225600", signature, Body));
        Assert.True(new WebhookVerifier(secret, time) { Tolerance = TimeSpan.FromMinutes(10) }.Verify("msg-1", "1767225600", signature, Body));
    }

    [Fact]
    public void A_secret_that_is_not_a_standard_webhooks_secret_is_refused_saying_why()
    {
        var failure = Assert.Throws<ArgumentException>(() => new WebhookVerifier("not-a-secret"));

        Assert.StartsWith("The secret must start with whsec_.", failure.Message, StringComparison.Ordinal);
        Assert.Equal("secret", failure.ParamName);
    }
}
