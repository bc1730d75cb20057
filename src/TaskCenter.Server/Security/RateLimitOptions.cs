namespace TaskCenter.Server.Security;

/// <summary><c>Security:RateLimit</c>: a token bucket per client. Off while <see cref="PermitsPerSecond"/> is 0 (the default).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Security:RateLimit";

    /// <summary>Requests per second a client may make on average; 0 turns the limit off.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests a client may make at once before the average applies; 0 means <see cref="PermitsPerSecond"/>.</summary>
    public int Burst { get; set; }

    public static RateLimitOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (options.PermitsPerSecond < 0 || options.Burst < 0)
        {
            throw new InvalidOperationException(
                $"The server refuses to start: {Section}:PermitsPerSecond and {Section}:Burst must be 0 or more.");
        }

        return options;
    }
}
