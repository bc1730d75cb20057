using System.Globalization;

namespace TaskCenter.Cli.Output;

/// <summary>
/// Times for people: in a zone (local by default) with its offset, and in UTC. A zone that keeps UTC's time is written
/// as UTC, and a time is then shown once rather than twice alike.
/// </summary>
internal static class TimeText
{
    /// <summary>Whether the machine's zone keeps UTC's time (a server, a container): then times are shown in UTC only.</summary>
    public static bool LocalIsUtc => IsUtc(TimeZoneInfo.Local);

    public static bool IsUtc(TimeZoneInfo zone) => zone.HasSameRules(TimeZoneInfo.Utc);

    public static string Local(DateTimeOffset time) => In(time, TimeZoneInfo.Local);

    public static string In(DateTimeOffset time, TimeZoneInfo zone) =>
        IsUtc(zone) ? Utc(time) : TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"local (UTC)", or UTC alone where local is UTC, or "-" for none.</summary>
    public static string LocalAndUtc(DateTimeOffset? time) => time is not { } t ? "-" : LocalIsUtc ? Utc(t) : $"{Local(t)} ({Utc(t)})";

    /// <summary>The heading of a column of <see cref="LocalAndUtc"/> times.</summary>
    public static string LocalAndUtcHeading(string what) => LocalIsUtc ? $"{what} (UTC)" : $"{what} (local / UTC)";

    /// <summary>The heading of a column of <see cref="Local"/> times.</summary>
    public static string LocalHeading(string what) => LocalIsUtc ? $"{what} (UTC)" : $"{what} (local)";
}
