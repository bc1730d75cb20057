using System.ComponentModel.DataAnnotations;

namespace TaskCenter.Core.Alerts;

/// <summary>The seed's fire-rate alerts. Section "Alerts" in configuration; 0 turns an alert off.</summary>
public sealed class AlertOptions
{
    /// <summary>The configuration section the server binds these settings from; errors name each setting by its key in it.</summary>
    public const string Section = "Alerts";

    /// <summary>Fires of one name within a minute above which a warning is logged.</summary>
    [Range(typeof(long), "0", "1000000000")]
    public long NameAlertCount { get; set; }

    /// <summary>Fires of all names within a minute above which a warning is logged.</summary>
    [Range(typeof(long), "0", "1000000000")]
    public long TotalAlertCount { get; set; }
}
