namespace TaskCenter.Core.Alerts;

/// <summary>The seed's fire-rate alerts. Section "Alerts" in configuration; 0 turns an alert off.</summary>
public sealed class AlertOptions
{
    /// <summary>Fires of one name within a minute above which a warning is logged.</summary>
    public long NameAlertCount { get; set; }

    /// <summary>Fires of all names within a minute above which a warning is logged.</summary>
    public long TotalAlertCount { get; set; }
}
