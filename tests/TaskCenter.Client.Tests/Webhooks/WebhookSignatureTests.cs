using System.Text;
using TaskCenter.Contracts;

namespace TaskCenter.Client.Tests.Webhooks;

/// <summary>The Standard Webhooks signature of a pushed message: its secret, its signing and its verification.</summary>
public sealed class WebhookSignatureTests
{
    // The example of the Standard Webhooks specification, as the npm standardwebhooks package also signs it.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private const string SpecBody = """{"test": 2432232314}""";
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly DateTimeOffset SpecNow = DateTimeOffset.FromUnixTimeSeconds(SpecTimestamp);

    [Fact]
    public void Signs_the_specifications_example_as_it_does()
    {
        Assert.Equal(SpecSignature, WebhookSignature.Sign(Key(SpecSecret), SpecId, SpecTimestamp, Encoding.UTF8.GetBytes(SpecBody)));
    }

    [Fact]
    public void Verifies_a_signature_of_the_message_within_the_tolerance()
    {
        Assert.True(Verify(SpecSignature, SpecNow.AddMinutes(4)));
        Assert.True(Verify(SpecSignature, SpecNow.AddMinutes(-4)));
    }

    [Fact]
    public void Refuses_a_changed_body_id_or_timestamp_and_a_stale_or_early_timestamp()
    {
        var key = Key(SpecSecret);
        var body = Encoding.UTF8.GetBytes(SpecBody);
        var tolerance = WebhookSignature.DefaultTolerance;

        Assert.False(WebhookSignature.Verify(key, SpecId, $"{SpecTimestamp}", SpecSignature, Encoding.UTF8.GetBytes("""{"test": 2432232315}"""), SpecNow, tolerance));
        Assert.False(WebhookSignature.Verify(key, SpecId + "x", $"{SpecTimestamp}", SpecSignature, body, SpecNow, tolerance));
        Assert.False(WebhookSignature.Verify(key, SpecId, $"{SpecTimestamp + 1}", SpecSignature, body, SpecNow, tolerance));
        Assert.False(Verify(SpecSignature, SpecNow.AddMinutes(6)));
        Assert.False(Verify(SpecSignature, SpecNow.AddMinutes(-6)));
        Assert.False(WebhookSignature.Verify(key, SpecId, "16142653x0", SpecSignature, body, SpecNow, tolerance));
    }

    [Fact]
    public void Refuses_another_key_another_version_and_garbage()
    {
        Assert.False(WebhookSignature.Verify(
            Key(WebhookSignature.NewSecret()), SpecId, $"{SpecTimestamp}", SpecSignature, Encoding.UTF8.GetBytes(SpecBody), SpecNow, WebhookSignature.DefaultTolerance));
        Assert.False(Verify(SpecSignature.Replace("v1,", "v2,", StringComparison.Ordinal), SpecNow));
        Assert.False(Verify("v1,not base64!", SpecNow));
        Assert.False(Verify("v1,AAAA", SpecNow));
        Assert.False(Verify("", SpecNow));
    }

    [Fact]
    public void Accepts_any_of_several_signatures_as_while_a_secret_is_rotated()
    {
        Assert.True(Verify($"v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= {SpecSignature}", SpecNow));
        Assert.True(Verify($"{SpecSignature} v1a,whatever", SpecNow));
    }

    [Theory]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "must start with whsec_")]
    [InlineData("whsec_%%%", "must be whsec_ followed by the base64 of 24 to 64 bytes")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAA", "holds a key of 15 bytes; it must be 24 to 64")]
    public void A_secret_that_is_not_a_standard_webhooks_secret_is_refused_with_the_reason(string secret, string problem)
    {
        Assert.Null(WebhookSignature.ReadKey(secret, out var found));
        Assert.Equal(problem, found);
    }

    [Fact]
    public void A_new_secret_is_a_standard_webhooks_secret_of_32_random_bytes()
    {
        var first = WebhookSignature.NewSecret();

        Assert.Equal(32, WebhookSignature.ReadKey(first, out _)!.Length);
        Assert.NotEqual(first, WebhookSignature.NewSecret());
    }

    private static byte[] Key(string secret) => WebhookSignature.ReadKey(secret, out var problem) ?? throw new InvalidOperationException(problem);

    private static bool Verify(string signatures, DateTimeOffset now) =>
        WebhookSignature.Verify(
            Key(SpecSecret), SpecId, $"{SpecTimestamp}", signatures, Encoding.UTF8.GetBytes(SpecBody), now, WebhookSignature.DefaultTolerance);
}
