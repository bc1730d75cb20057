namespace TaskCenter.Server.Security;

/// <summary>
/// A configured API key: its name (for logs and rate-limit partitions, never the key), its role, the task names and
/// consumer groups it may use, and its own request rate when it has one.
/// </summary>
public sealed record ApiKey(string Name, string Role)
{
    public KeyScopes Scopes { get; init; } = KeyScopes.Unscoped;

    /// <summary>This key's rate (<c>Security:ApiKeys:N:RateLimit</c>), over its role's and the server's; null when not set.</summary>
    public RequestRate? Rate { get; init; }
}
