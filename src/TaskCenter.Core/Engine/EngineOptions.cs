using System.ComponentModel.DataAnnotations;
using TaskCenter.Core.Configuration;

namespace TaskCenter.Core.Engine;

/// <summary>Settings of the scheduling engine. Section "Engine" in configuration.</summary>
public sealed class EngineOptions
{
    /// <summary>The configuration section the server binds these settings from; errors name each setting by its key in it.</summary>
    public const string Section = "Engine";

    /// <summary>Fires missed by less than this are all delivered late; older ones are coalesced into one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How far ahead of their time fires are recorded. A fire recorded ahead waits in the queue and becomes
    /// available to consumers exactly at its time, so the commit is not on the fire's critical path. 0 records each
    /// fire when it is due.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan LookAhead { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How far ahead the engine may start when many fires fall due together: before it sleeps it counts the fires due
    /// around the next one, and when recording them would take longer than <see cref="LookAhead"/> it starts twice that
    /// time ahead (at the measured cost per fire), but never more than this. Equal to <see cref="LookAhead"/>: always
    /// start at the look-ahead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    [AtLeast(nameof(LookAhead))]
    public TimeSpan MaxLookAhead { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest the engine sleeps without looking at the database. Several server instances sharing one database
    /// only wake their own engine when they schedule something: this bounds how late another instance's earlier task,
    /// or work an instance took and died with, is picked up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Due tasks taken and committed in one transaction.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long finished tasks stay queryable before they are purged.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan FinishedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often finished tasks and expired queue entries are purged.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Pause before retrying after a storage failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromSeconds(1);
}
