using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TaskCenter.Contracts;

/// <summary>
/// How a pushed message is signed, in the Standard Webhooks form, so any receiver that verifies those works unchanged:
/// a secret is <c>whsec_</c> and the base64 of its key; the <c>webhook-signature</c> header holds <c>v1,</c> and the
/// base64 HMAC-SHA256 of <c>"{webhook-id}.{webhook-timestamp}.{body}"</c>, several of them space-separated while a
/// secret is being rotated. The server signs with it; the SDK's verifier checks with it.
/// </summary>
internal static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The key sizes Standard Webhooks allows; a new secret's key is 32 random bytes.</summary>
    public const int MinKeyBytes = 24;

    public const int MaxKeyBytes = 64;

    private const int NewKeyBytes = 32;
    private const string Version = "v1";

    /// <summary>How far a timestamp may be from the receiver's clock, either way: older requests are replays.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>A new random secret.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(NewKeyBytes));

    /// <summary>The key of <paramref name="secret"/>; null, with what is wrong, when it is not a Standard Webhooks secret.</summary>
    public static byte[]? ReadKey(string secret, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(secret);
        problem = null;
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            problem = $"must start with {SecretPrefix}";
            return null;
        }

        var key = new byte[MaxKeyBytes + 3];
        if (!Convert.TryFromBase64String(secret[SecretPrefix.Length..], key, out var length))
        {
            problem = $"must be {SecretPrefix} followed by the base64 of {MinKeyBytes} to {MaxKeyBytes} bytes";
            return null;
        }

        if (length is < MinKeyBytes or > MaxKeyBytes)
        {
            problem = $"holds a key of {length} bytes; it must be {MinKeyBytes} to {MaxKeyBytes}";
            return null;
        }

        return key[..length];
    }

    /// <summary>The <c>webhook-signature</c> value of one message: <c>v1,</c> and its base64 HMAC-SHA256.</summary>
    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body) =>
        $"{Version},{Convert.ToBase64String(Hash(key, id, timestamp.ToString(CultureInfo.InvariantCulture), body))}";

    /// <summary>
    /// Whether one of the <c>v1</c> signatures in <paramref name="signatures"/> is the message's, and its timestamp is
    /// within <paramref name="tolerance"/> of <paramref name="now"/>. The comparison takes the same time whatever matches.
    /// </summary>
    public static bool Verify(
        byte[] key, string id, string timestamp, string signatures, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Hash(key, id, timestamp, body);
        var given = new byte[expected.Length];
        var matched = false;
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = signature.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0
                && signature.AsSpan(0, comma).SequenceEqual(Version)
                && Convert.TryFromBase64String(signature[(comma + 1)..], given, out var length)
                && length == expected.Length)
            {
                matched |= CryptographicOperations.FixedTimeEquals(given, expected);
            }
        }

        return matched;
    }

    private static byte[] Hash(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(id);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes($"{id}.{timestamp}."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
