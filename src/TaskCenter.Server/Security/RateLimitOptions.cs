namespace TaskCenter.Server.Security;

/// <summary>
/// <c>Security:RateLimit</c>: a token bucket per client (a key, or an address for requests without a known key), and
/// a cap on each client's consume calls in flight. A key's own rate (<c>Security:ApiKeys:N:RateLimit</c>) wins over its
/// role's (<see cref="Roles"/>), which wins over the rate of every client (<see cref="PermitsPerSecond"/>, off while 0).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Security:RateLimit";

    /// <summary>Requests per second every client may make on average; 0 (the default) turns this limit off.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests a client may make at once before the average applies; 0 means <see cref="PermitsPerSecond"/>.</summary>
    public int Burst { get; set; }

    /// <summary>The rate of the keys of a role, by role name (<c>Security:RateLimit:Roles:producer:PermitsPerSecond</c>).</summary>
    public Dictionary<string, RequestRate> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Consume calls one client may have in flight (long polls waiting); 0 turns the cap off.</summary>
    public int MaxConcurrentConsumes { get; set; } = 100;

    /// <summary>The rate that applies to a request made with <paramref name="key"/> (null: no known key).</summary>
    public RequestRate RateOf(ApiKey? key) =>
        key?.Rate
        ?? (key is not null && Roles.TryGetValue(key.Role, out var byRole) ? byRole : null)
        ?? new RequestRate { PermitsPerSecond = PermitsPerSecond, Burst = Burst };

    /// <summary>Reads and checks the section; throws naming the first bad entry.</summary>
    public static RateLimitOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var problem = new RequestRate { PermitsPerSecond = options.PermitsPerSecond, Burst = options.Burst }.Check(Section)
            ?? (options.MaxConcurrentConsumes < 0 ? $"{Section}:MaxConcurrentConsumes must be 0 or more" : null);
        foreach (var (role, rate) in options.Roles)
        {
            problem ??= !ApiKeyRole.All.Contains(role, StringComparer.OrdinalIgnoreCase)
                ? $"{Section}:Roles:{role} is not a role; roles are: {string.Join(", ", ApiKeyRole.All)}"
                : rate.Check($"{Section}:Roles:{role}");
        }

        return problem is null ? options : throw new InvalidOperationException($"The server refuses to start: {problem}.");
    }
}
