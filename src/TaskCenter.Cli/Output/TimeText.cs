using System.Globalization;

namespace TaskCenter.Cli.Output;

/// <summary>Times for people: in a zone (local by default) with its offset, and in UTC.</summary>
internal static class TimeText
{
    public static string Local(DateTimeOffset time) => In(time, TimeZoneInfo.Local);

    public static string In(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"local (UTC)", or "-" for none.</summary>
    public static string LocalAndUtc(DateTimeOffset? time) => time is { } t ? $"{Local(t)} ({Utc(t)})" : "-";
}
