using System.Collections.Concurrent;
using System.Diagnostics;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// Where job bodies record that they started. Thread-safe and cheap: a job body does nothing but call
/// <see cref="Record"/>. Start times are taken from a monotonic clock anchored to the wall clock once, so lateness is
/// not disturbed by clock adjustments during a run.
/// </summary>
public sealed class FireLog
{
    private readonly ConcurrentQueue<Fire> _fires = new();
    private readonly DateTimeOffset _anchorWall = DateTimeOffset.UtcNow;
    private readonly long _anchorTicks = Stopwatch.GetTimestamp();

    /// <summary>Now, precise to the microsecond.</summary>
    public DateTimeOffset Now => _anchorWall + Stopwatch.GetElapsedTime(_anchorTicks);

    public int Count => _fires.Count;

    /// <summary>Called by a job body as its first action.</summary>
    public void Record(int index, DateTimeOffset scheduledAt) => _fires.Enqueue(new Fire(index, scheduledAt, Now));

    /// <summary>
    /// For a job body in another process that took its start time itself, from the same machine's wall clock (a
    /// monotonic clock anchored to it, as <see cref="Now"/>), so the pipe back to the harness is not in its lateness.
    /// </summary>
    public void Record(int index, DateTimeOffset scheduledAt, DateTimeOffset startedAt) =>
        _fires.Enqueue(new Fire(index, scheduledAt, startedAt));

    public IReadOnlyList<Fire> Snapshot() => [.. _fires];

    public void Clear() => _fires.Clear();
}

/// <summary>One job start: which job, when it was due, when its body started.</summary>
public readonly record struct Fire(int Index, DateTimeOffset ScheduledAt, DateTimeOffset StartedAt)
{
    public TimeSpan Lateness => StartedAt - ScheduledAt;
}
