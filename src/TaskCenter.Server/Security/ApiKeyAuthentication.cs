using System.Security.Claims;

namespace TaskCenter.Server.Security;

/// <summary>The bearer API key authentication scheme and the principals it produces.</summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";

    /// <summary>The identity of every request when no keys are configured: it holds every role.</summary>
    public const string OpenScheme = "Open";

    public static ClaimsPrincipal PrincipalOf(ApiKey key) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role)], Scheme));

    public static readonly ClaimsPrincipal Open =
        new(new ClaimsIdentity([new Claim(ClaimTypes.Role, ApiKeyRole.Admin)], OpenScheme));

    /// <summary>The key's name when the request carried a known key, else <see langword="null"/>.</summary>
    public static string? KeyName(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: Scheme, Name: { } name } ? name : null;
}
