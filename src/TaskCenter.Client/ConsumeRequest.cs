namespace TaskCenter.Client;

/// <summary>The parameters of one <see cref="TaskCenterClient.ConsumeAsync"/> call (<c>POST /v1/api/consume</c>).</summary>
public sealed record ConsumeRequest
{
    /// <summary>The consumer group; required (wire <c>group</c>).</summary>
    public required string Group { get; init; }

    /// <summary>The tag expression, e.g. <c>invoice || refund</c>; <see langword="null"/> sends nothing, which the server reads as <c>*</c> (wire <c>tags</c>).</summary>
    public string? Tags { get; init; }

    /// <summary>The most messages to return, 1–1000; default 1 (wire <c>max</c>).</summary>
    public int MaxMessages { get; init; } = 1;

    /// <summary>How long the server may hold the request open waiting for a message, 0–60 s; default 0 (wire <c>wait_ms</c>).</summary>
    public TimeSpan WaitTime { get; init; }

    /// <summary>How long the returned messages are leased to this consumer, 1 s–12 h; <see langword="null"/> for the server's default of 60 s (wire <c>lease_ms</c>).</summary>
    public TimeSpan? Lease { get; init; }
}
