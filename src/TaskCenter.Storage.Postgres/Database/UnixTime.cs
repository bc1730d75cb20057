namespace TaskCenter.Storage.Postgres.Database;

/// <summary>Times are stored as bigint unix milliseconds (the task model's own times as unix seconds).</summary>
internal static class UnixTime
{
    public static long ToUnixMs(this DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static long? ToUnixMs(this DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>A duration in whole milliseconds (rounded down, at least 1 for any positive span).</summary>
    public static long ToMs(this TimeSpan span) => span <= TimeSpan.Zero ? 0 : Math.Max(1, (long)span.TotalMilliseconds);
}
