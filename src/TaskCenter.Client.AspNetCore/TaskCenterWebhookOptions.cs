using TaskCenter.Client.Webhooks;

namespace TaskCenter.Client.AspNetCore;

/// <summary>Settings of an endpoint that receives a push group's messages (<see cref="TaskCenterWebhookEndpointRouteBuilderExtensions"/>).</summary>
public sealed class TaskCenterWebhookOptions
{
    /// <summary>The default of <see cref="MaxBodySize"/>: 1 MiB, the server's default limit of a task's data.</summary>
    public const long DefaultMaxBodySize = 1024 * 1024;

    /// <summary>The group's signing secret, <c>whsec_…</c>, as the server returned it when the group was declared.</summary>
    public required string Secret { get; set; }

    /// <summary>The largest body accepted, in bytes; a larger request is answered 413 unread. Default 1 MiB.</summary>
    public long MaxBodySize { get; set; } = DefaultMaxBodySize;

    /// <summary>How far a request's <c>webhook-timestamp</c> may be from this machine's clock, either way; default <see cref="WebhookVerifier.DefaultTolerance"/> (5 minutes).</summary>
    public TimeSpan Tolerance { get; set; } = WebhookVerifier.DefaultTolerance;
}
