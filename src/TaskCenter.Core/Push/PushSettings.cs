namespace TaskCenter.Core.Push;

/// <summary>A push group's target: where its messages are POSTed, how, and the secret they are signed with.</summary>
public sealed record PushSettings
{
    public const string DefaultContentType = "application/json";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public const int DefaultMaxConcurrency = 16;

    public required string Url { get; init; }

    /// <summary>The requests' Content-Type: the task's data is the body exactly as stored.</summary>
    public string ContentType { get; init; } = DefaultContentType;

    /// <summary>How long a request may take; a task's max_runtime shortens it.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Requests in flight to the target at once, per server instance.</summary>
    public int MaxConcurrency { get; init; } = DefaultMaxConcurrency;

    /// <summary>Static headers sent with every request (e.g. the receiver's own token).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The Standard Webhooks secret (<c>whsec_…</c>) requests are signed with.</summary>
    public required string Secret { get; init; }
}
