using System.ComponentModel.DataAnnotations;
using TaskCenter.Core.Configuration;

namespace TaskCenter.Core.Queue;

/// <summary>Settings of the built-in queue. Section "Queue" in configuration.</summary>
public sealed class QueueOptions
{
    /// <summary>The configuration section the server binds these settings from; errors name each setting by its key in it.</summary>
    public const string Section = "Queue";

    /// <summary>RocketMQ's delay levels for retries: 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h.</summary>
    public static readonly IReadOnlyList<TimeSpan> RocketMqDelayLevels =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6),
        TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
    ];

    /// <summary>Delay before the n-th retry (n from 1); retries past the list use its last entry.</summary>
    [EachInRange(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public IList<TimeSpan> RetryDelays { get; set; } = [.. RocketMqDelayLevels];

    /// <summary>Retries after the first delivery before a message is dead-lettered.</summary>
    [Range(0, 1000)]
    public int MaxRetries { get; set; } = 16;

    /// <summary>
    /// Whether a message delivered <paramref name="attempts"/> times has used up its attempts (the first delivery and
    /// <see cref="MaxRetries"/> retries): its next failure, a nack or a lease that ran out, dead-letters it.
    /// </summary>
    public bool AttemptsUsedUp(int attempts) => attempts > MaxRetries;

    /// <summary>The deliveries a message gets at most: the first and <see cref="MaxRetries"/> retries.</summary>
    public int MaxAttempts => MaxRetries + 1;

    /// <summary>Lease of a consumed message when the consumer names none and the task has no max_runtime.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan DefaultLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a fire for a tag no group subscribes to is kept for the first group that does.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan UnroutedRetention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long recorded fires are kept for history after all their deliveries are done.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan FireHistoryRetention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Fires kept for tags no group subscribes to that were recorded before this are dropped (<see cref="UnroutedRetention"/>
    /// before <paramref name="now"/>); only later ones are handed to a group that subscribes.
    /// </summary>
    public DateTimeOffset UnroutedKeptSince(DateTimeOffset now) => now - UnroutedRetention;

    /// <summary>Fires with nothing left to deliver that were recorded before this leave the history (<see cref="FireHistoryRetention"/> before <paramref name="now"/>).</summary>
    public DateTimeOffset HistoryKeptSince(DateTimeOffset now) => now - FireHistoryRetention;

    /// <summary>The delay before retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan DelayBeforeRetry(int retry)
    {
        if (RetryDelays.Count == 0)
        {
            return TimeSpan.Zero;
        }

        return RetryDelays[Math.Clamp(retry, 1, RetryDelays.Count) - 1];
    }
}
