using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TaskCenter.Server.Contracts;

namespace TaskCenter.Server.Security;

/// <summary>
/// The API's rate limit: one token bucket per client, the API key's name when the request carried a known key, else
/// the remote address. Only HTTP calls pass through it; the engine and publishers run in-process and are never
/// throttled. A token bucket's permits are not given back, so a long poll holds none while it waits.
/// </summary>
public static class ClientRateLimit
{
    public const string Policy = "PerClient";

    internal static void Add(RateLimiterOptions limiter, RateLimitOptions options)
    {
        limiter.AddPolicy(Policy, context => options.PermitsPerSecond == 0
            ? RateLimitPartition.GetNoLimiter("off")
            : RateLimitPartition.GetTokenBucketLimiter(ClientOf(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Burst > 0 ? options.Burst : options.PermitsPerSecond,
                TokensPerPeriod = options.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        limiter.OnRejected = RejectAsync;
    }

    private static string ClientOf(HttpContext context) =>
        ApiKeyAuthentication.KeyName(context.User) is { } name
            ? "key:" + name
            : "address:" + context.Connection.RemoteIpAddress;

    private static ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var error = new ErrorResponse(StatusCodes.Status429TooManyRequests, $"too many requests from this client; retry after {seconds} s");
        return new ValueTask(response.WriteAsJsonAsync(error, ServerJsonContext.Wire.ErrorResponse, cancellationToken: cancellationToken));
    }
}
