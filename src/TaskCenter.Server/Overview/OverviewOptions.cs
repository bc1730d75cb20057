namespace TaskCenter.Server.Overview;

/// <summary>Settings of the overview (dashboard, gauges) and of the instance heartbeats. Section "Overview".</summary>
public sealed class OverviewOptions
{
    /// <summary>
    /// Counting tasks by state reads every task; the overview and a metrics scrape reuse a count up to this old.
    /// </summary>
    public TimeSpan CountMaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each instance records itself (health, fires per minute) in storage.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An instance not seen for this long is dropped from the list.</summary>
    public TimeSpan ForgetInstanceAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Minutes of fire counts each instance keeps and reports (the overview's chart).</summary>
    public int FireMinutes { get; set; } = 180;

    /// <summary>An instance counts as alive while its last heartbeat is at most this many intervals old.</summary>
    public const int MissedBeatsBeforeDown = 3;
}
