using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Net.Http.Headers;
using TaskCenter.Server.Http;

namespace TaskCenter.Server.Security;

/// <summary>
/// Wires access control: the allowed hosts, the origin check (and CORS for allowed origins), API key authentication,
/// the role policies and the per-client rate limit. Each refusal answers with the error shape.
/// </summary>
public static class SecurityServices
{
    /// <summary>Reads and checks <c>Security:*</c> now, so a bad configuration stops the start before anything listens.</summary>
    public static IServiceCollection AddTaskCenterSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = ApiKeyRing.From(configuration);
        OpenAccessGuard.Check(configuration, keys);
        var rateLimit = RateLimitOptions.From(configuration);
        var origins = OriginCheck.From(configuration);

        services.AddSingleton(keys);
        services.AddSingleton(origins);
        services.AddSingleton(AllowedHosts.From(configuration, open: keys.IsEmpty));
        // ASP.NET's own host filtering runs before all middleware and refuses with an empty body: it lets every host
        // through, and UseAllowedHosts applies the same rule (HostString.MatchesAny) where its refusal gets the error shape.
        services.Configure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);
        if (origins.Allowed.Count > 0)
        {
            services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. origins.Allowed])
                .AllowAnyHeader()
                .AllowAnyMethod()
                .WithExposedHeaders(HeaderNames.RetryAfter, HeaderNames.WWWAuthenticate)));
        }

        services.AddSingleton<AuthenticationFailureLog>();
        // Refusals are logged by AuthenticationFailureLog, bounded; ASP.NET's own line per refused request would not be.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Authorization.DefaultAuthorizationService", LogLevel.Warning));
        services.AddAuthentication(ApiKeyAuthentication.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, null);
        services.AddAuthorization(AccessPolicies.Add);
        services.AddRateLimiter(limiter => ClientRateLimit.Add(limiter, rateLimit));
        return services;
    }

    public static WebApplication UseAllowedHosts(this WebApplication app)
    {
        var hosts = app.Services.GetRequiredService<AllowedHosts>();
        app.Use((context, next) => hosts.Refusal(context.Request) is { } refusal
            ? ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, refusal)
            : next(context));
        return app;
    }

    /// <summary>
    /// CORS for the allowed origins, then the origin check; both before authentication, as a preflight carries no key,
    /// and before the body is read.
    /// </summary>
    public static WebApplication UseOriginCheck(this WebApplication app)
    {
        var check = app.Services.GetRequiredService<OriginCheck>();
        if (check.Allowed.Count > 0)
        {
            app.UseCors();
        }

        app.Use((context, next) => check.Refusal(context.Request) is { } refusal
            ? ApiErrors.WriteAsync(context, StatusCodes.Status403Forbidden, refusal)
            : next(context));
        return app;
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
