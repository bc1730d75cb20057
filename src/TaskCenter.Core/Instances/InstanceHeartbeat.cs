namespace TaskCenter.Core.Instances;

/// <summary>
/// A server instance as it last reported itself. Instances write one every few seconds; the dashboard lists those seen
/// lately and sums their fire counts.
/// </summary>
public sealed record InstanceHeartbeat
{
    /// <summary>Random per process start.</summary>
    public required string Id { get; init; }

    public required string Host { get; init; }

    public required int ProcessId { get; init; }

    /// <summary>The server's version.</summary>
    public required string Version { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset SeenAt { get; init; }

    /// <summary>"healthy", or what is wrong (e.g. the broker is unreachable).</summary>
    public required string Health { get; init; }

    /// <summary>Fires this instance recorded per minute, the most recent minutes.</summary>
    public required MinuteCounts Fires { get; init; }
}
