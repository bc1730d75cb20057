namespace TaskCenter.Client;

/// <summary>A push group's target as the server holds it, and how pushing to it goes.</summary>
public sealed record PushTargetInfo
{
    /// <summary>The address messages are POSTed to (wire <c>url</c>).</summary>
    public required Uri Url { get; init; }

    /// <summary>The requests' Content-Type (wire <c>content_type</c>).</summary>
    public string ContentType { get; init; } = string.Empty;

    /// <summary>How long one request may take (wire <c>timeout_ms</c>).</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>Requests in flight at once per server instance (wire <c>max_concurrency</c>).</summary>
    public int MaxConcurrency { get; init; }

    /// <summary>The static headers sent with every request (wire <c>headers</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The signing secret the server generated, in the answer of the declaration that generated it only; never returned
    /// again, so keep it then (wire <c>secret</c>). <see langword="null"/> otherwise.
    /// </summary>
    public string? Secret { get; init; }

    /// <summary>Whether the server instance that answered is pushing to the target (wire <c>circuit</c>).</summary>
    public CircuitState Circuit { get; init; }

    /// <summary>The last failed push's error, as that instance saw it; <see langword="null"/> after a success (wire <c>last_error</c>).</summary>
    public string? LastError { get; init; }
}
