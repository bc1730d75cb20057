using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using TaskCenter.Core.Telemetry;

namespace TaskCenter.Server.Security;

/// <summary>
/// Counts and logs the requests refused with 401, without letting a flood of them flood the log. Each key — an unknown
/// one by a short SHA-256 fingerprint, never the key itself; requests without a key as one — is logged at most once a
/// minute, at most <see cref="KeysLoggedPerMinute"/> keys a minute; the refusals not logged one by one are summed up in
/// one line when the minute ends. Every refusal counts in <c>taskcenter_auth_failures_total</c> (label <c>reason</c>:
/// <c>missing</c> or <c>unknown</c>). Only refusals are seen here: a request the rate limiter refused, or one to an open
/// path (<c>/healthz</c>) with a wrong key, is never challenged.
/// </summary>
public sealed class AuthenticationFailureLog(ILogger<AuthenticationFailureLog> logger, TimeProvider time) : IDisposable
{
    public const int KeysLoggedPerMinute = 20;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static readonly Counter<long> Failures = TaskCenterMeter.Meter.CreateCounter<long>(
        "taskcenter.auth.failures", "{request}", "Requests refused with 401: without an API key, or with a key that is not configured.");

    private readonly Lock _gate = new();
    private readonly HashSet<string> _loggedThisMinute = new(StringComparer.Ordinal);
    private ITimer? _minuteEnd;
    private long _notLogged;

    /// <param name="key">The key the request carried, <see langword="null"/> when it carried none.</param>
    public void Refused(string? key, HttpContext context)
    {
        Failures.Add(1, new KeyValuePair<string, object?>("reason", key is null ? "missing" : "unknown"));
        var fingerprint = key is null ? "" : Fingerprint(key);
        lock (_gate)
        {
            // The minute starts with its first refusal; no timer runs while nothing is refused.
            _minuteEnd ??= time.CreateTimer(_ => EndMinute(), null, Minute, Timeout.InfiniteTimeSpan);
            if (_loggedThisMinute.Count >= KeysLoggedPerMinute || !_loggedThisMinute.Add(fingerprint))
            {
                _notLogged++;
                return;
            }
        }

        var from = context.Connection.RemoteIpAddress;
        if (key is null)
        {
            logger.LogInformation("Refused a request without an API key from {RemoteAddress}; more within a minute are counted, not logged", from);
        }
        else
        {
            logger.LogInformation(
                "Refused an unknown API key ({KeyFingerprint}) from {RemoteAddress}; more with this key within a minute are counted, not logged",
                fingerprint, from);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _minuteEnd?.Dispose();
        }
    }

    /// <summary>A short, one-way name of a key for the log: enough to tell keys apart, useless to call with.</summary>
    public static string Fingerprint(string key) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 4);

    private void EndMinute()
    {
        long notLogged;
        lock (_gate)
        {
            notLogged = _notLogged;
            _notLogged = 0;
            _loggedThisMinute.Clear();
            _minuteEnd?.Dispose();
            _minuteEnd = null;
        }

        if (notLogged > 0)
        {
            logger.LogInformation(
                "Refused {Count} more requests without an API key or with an unknown one in the last minute, not logged one by one " +
                "(each key is logged once a minute, at most {KeysPerMinute} keys a minute)",
                notLogged, KeysLoggedPerMinute);
        }
    }
}
