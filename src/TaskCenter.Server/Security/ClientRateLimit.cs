using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;

namespace TaskCenter.Server.Security;

/// <summary>
/// The API's rate limits, per client: the API key when the request carried a known key, else the remote address. Every
/// API call takes a permit from its client's token bucket (at the rate of <see cref="RateLimitOptions.RateOf"/>); a
/// consume call also holds one of its client's <see cref="RateLimitOptions.MaxConcurrentConsumes"/> slots while it
/// waits, so one client's long polls cannot pile up without end. Only HTTP calls pass through them; the engine and
/// publishers run in-process and are never throttled. A token bucket's permits are not given back, so a long poll uses
/// one however long it waits.
/// </summary>
public static class ClientRateLimit
{
    /// <summary>Puts an endpoint (or a group of them) under the per-client token bucket.</summary>
    public static TBuilder RequireClientRateLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(Limited.Call);

    /// <summary>Also caps the client's calls of this endpoint in flight: for the long poll.</summary>
    public static TBuilder RequireConsumeSlot<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(Limited.Consume);

    internal static void Add(RateLimiterOptions limiter, RateLimitOptions options)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => Bucket(context, options)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => ConsumeSlots(context, options)));
        limiter.OnRejected = RejectAsync;
    }

    private static RateLimitPartition<string> Bucket(HttpContext context, RateLimitOptions options)
    {
        var key = ApiKeyAuthentication.KeyOf(context.User);
        var rate = options.RateOf(key);
        return LimitOf(context) is null || rate.IsUnlimited
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetTokenBucketLimiter(ClientOf(context, key), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = rate.Burst > 0 ? rate.Burst : rate.PermitsPerSecond,
                TokensPerPeriod = rate.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
    }

    private static RateLimitPartition<string> ConsumeSlots(HttpContext context, RateLimitOptions options) =>
        LimitOf(context) != Limited.Consume || options.MaxConcurrentConsumes == 0
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetConcurrencyLimiter(
                ClientOf(context, ApiKeyAuthentication.KeyOf(context.User)),
                _ => new ConcurrencyLimiterOptions { PermitLimit = options.MaxConcurrentConsumes, QueueLimit = 0 });

    private static Limited? LimitOf(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<Limited>();

    private static string ClientOf(HttpContext context, ApiKey? key) =>
        key is not null ? "key:" + key.Name : "address:" + context.Connection.RemoteIpAddress;

    private static ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var bucket = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        var seconds = bucket ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = bucket || LimitOf(rejected.HttpContext) != Limited.Consume
            ? $"too many requests from this client; retry after {seconds} s"
            : $"too many consume calls in flight from this client (at most {RateLimitOptions.Section}:MaxConcurrentConsumes); retry after {seconds} s";
        var error = new ErrorResponse(StatusCodes.Status429TooManyRequests, message);
        return new ValueTask(response.WriteAsJsonAsync(error, ServerJson.Responses.ErrorResponse, cancellationToken: cancellationToken));
    }

    /// <summary>Endpoint metadata: which of the limits an endpoint is under (endpoints without it are under none).</summary>
    private sealed class Limited
    {
        public static readonly Limited Call = new();
        public static readonly Limited Consume = new();
    }
}
