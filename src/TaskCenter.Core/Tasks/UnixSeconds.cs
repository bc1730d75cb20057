namespace TaskCenter.Core.Tasks;

/// <summary>
/// The whole unix seconds in which a task's own times are given on the wire and kept in storage, and the model's
/// <see cref="DateTimeOffset"/> and <see cref="TimeSpan"/> they stand for.
/// </summary>
public static class UnixSeconds
{
    public static DateTimeOffset? ToTime(long? seconds) => seconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    public static long Of(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static long? Of(DateTimeOffset? time) => time?.ToUnixTimeSeconds();

    public static long Of(TimeSpan span) => (long)span.TotalSeconds;

    /// <summary><paramref name="time"/> without its fraction of a second.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
