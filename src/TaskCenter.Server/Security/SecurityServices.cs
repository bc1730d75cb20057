using Microsoft.AspNetCore.Authentication;

namespace TaskCenter.Server.Security;

/// <summary>Wires access control: API key authentication, the role policies and the per-client rate limit.</summary>
public static class SecurityServices
{
    /// <summary>Reads and checks <c>Security:*</c> now, so a bad configuration stops the start before anything listens.</summary>
    public static IServiceCollection AddTaskCenterSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = ApiKeyRing.From(configuration);
        OpenAccessGuard.Check(configuration, keys);
        var rateLimit = RateLimitOptions.From(configuration);

        services.AddSingleton(keys);
        services.AddAuthentication(ApiKeyAuthentication.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, null);
        services.AddAuthorization(AccessPolicies.Add);
        services.AddRateLimiter(limiter => ClientRateLimit.Add(limiter, rateLimit));
        return services;
    }

    /// <summary>Authentication first (the rate limit partitions by key), then the rate limit, then the role check.</summary>
    public static WebApplication UseTaskCenterSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
