using System.Security.Claims;

namespace TaskCenter.Server.Security;

/// <summary>The bearer API key authentication scheme and the principals it produces.</summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";

    /// <summary>The identity of every request when no keys are configured: it holds every role.</summary>
    public const string OpenScheme = "Open";

    public static ClaimsPrincipal PrincipalOf(ApiKey key) => new(new KeyIdentity(key));

    public static readonly ClaimsPrincipal Open =
        new(new ClaimsIdentity([new Claim(ClaimTypes.Role, ApiKeyRole.Admin)], OpenScheme));

    /// <summary>The key the request carried when it was a known one, else <see langword="null"/>.</summary>
    public static ApiKey? KeyOf(ClaimsPrincipal user) => user.Identity is KeyIdentity { Key: var key } ? key : null;

    /// <summary>The key's name when the request carried a known key, else <see langword="null"/>.</summary>
    public static string? KeyName(ClaimsPrincipal user) => KeyOf(user)?.Name;

    /// <summary>An authenticated key: its name and role as claims (for the role policies), the key itself for its scopes and rate.</summary>
    private sealed class KeyIdentity(ApiKey key)
        : ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role)], Scheme)
    {
        public ApiKey Key { get; } = key;

        public override ClaimsIdentity Clone() => new KeyIdentity(Key);
    }
}
