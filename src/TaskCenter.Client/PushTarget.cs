namespace TaskCenter.Client;

/// <summary>
/// Where and how a push group's messages are sent: each is a <c>POST</c> of the task's data to <see cref="Url"/>, signed
/// as Standard Webhooks with <see cref="Secret"/> (verify it with <see cref="Webhooks.WebhookVerifier"/>). Unset
/// (<see langword="null"/>) fields are not sent, so the server applies its defaults.
/// </summary>
public sealed record PushTarget
{
    /// <summary>The http or https address, under one of the server's <c>Push:AllowedTargets</c>; at most 2048 characters (wire <c>url</c>).</summary>
    public required Uri Url { get; init; }

    /// <summary>The requests' Content-Type; the server's default is <c>application/json</c> (wire <c>content_type</c>).</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// How long one request may take, 1 s to 5 min (sent in milliseconds); the server's default is 10 s, and a task's
    /// <see cref="NewTask.MaxRuntime"/> shortens it (wire <c>timeout_ms</c>).
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Requests in flight at once per server instance, 1–256; the server's default is 16 (wire <c>max_concurrency</c>).</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>
    /// Static headers sent with every request, at most 32; not <c>webhook-*</c>, <c>taskcenter-*</c>, <c>Content-*</c>,
    /// <c>Host</c> or hop-by-hop ones (wire <c>headers</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// The signing secret, <c>whsec_</c> and the base64 of 24 to 64 bytes; <see langword="null"/> to have the server
    /// generate one, returned once in <see cref="PushTargetInfo.Secret"/> (wire <c>secret</c>).
    /// </summary>
    public string? Secret { get; init; }
}
