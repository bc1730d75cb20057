using System.ComponentModel.DataAnnotations;
using TaskCenter.Core.Configuration;

namespace TaskCenter.Server.Overview;

/// <summary>Settings of the overview (dashboard, gauges) and of the instance heartbeats. Section "Overview".</summary>
public sealed class OverviewOptions
{
    /// <summary>The configuration section the server binds these settings from; errors name each setting by its key in it.</summary>
    public const string Section = "Overview";

    /// <summary>
    /// Counting tasks by state reads every task; the overview and a metrics scrape reuse a count up to this old.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CountMaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each instance records itself (health, fires per minute) in storage.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An instance not seen for this long is dropped from the list.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    [AtLeast(nameof(HeartbeatInterval))]
    public TimeSpan ForgetInstanceAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Minutes of fire counts each instance keeps and reports (the overview's chart).</summary>
    [Range(1, 7 * 24 * 60)]
    public int FireMinutes { get; set; } = 180;

    /// <summary>An instance counts as alive while its last heartbeat is at most this many intervals old.</summary>
    public const int MissedBeatsBeforeDown = 3;
}
