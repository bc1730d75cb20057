using TaskCenter.Contracts;

namespace TaskCenter.Client.Webhooks;

/// <summary>
/// Checks that a request a push group sent is TaskCenter's: its <c>webhook-signature</c> is the Standard Webhooks
/// signature of its <c>webhook-id</c>, <c>webhook-timestamp</c> and body under the group's secret, and the timestamp is
/// recent (a replayed old request is refused). Any Standard Webhooks library verifies the same requests.
/// </summary>
public sealed class WebhookVerifier
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <param name="secret">The group's secret, <c>whsec_…</c>, as the server returned it.</param>
    /// <param name="time">The clock the timestamp is checked against; the system's by default.</param>
    /// <exception cref="ArgumentException">The secret is not a Standard Webhooks secret (the message says why).</exception>
    public WebhookVerifier(string secret, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _key = WebhookSignature.ReadKey(secret, out var problem) ?? throw new ArgumentException($"The secret {problem}.", nameof(secret));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The default of <see cref="Tolerance"/>: 5 minutes, as Standard Webhooks advises.</summary>
    public static readonly TimeSpan DefaultTolerance = WebhookSignature.DefaultTolerance;

    /// <summary>How far the timestamp may be from this clock, either way; <see cref="DefaultTolerance"/> unless set.</summary>
    public TimeSpan Tolerance { get; init; } = DefaultTolerance;

    /// <summary>Whether the request with these header values and this body was signed with the secret, recently.</summary>
    /// <param name="id">The <c>webhook-id</c> header (the message's msgid).</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="signature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The request's body, byte for byte as received.</param>
    public bool Verify(string? id, string? timestamp, string? signature, ReadOnlySpan<byte> body) =>
        id is not null && timestamp is not null && signature is not null
        && WebhookSignature.Verify(_key, id, timestamp, signature, body, _time.GetUtcNow(), Tolerance);
}
