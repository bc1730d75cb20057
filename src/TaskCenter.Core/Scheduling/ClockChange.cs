namespace TaskCenter.Core.Scheduling;

/// <summary>
/// A moment when a zone's clocks change their offset from UTC: forward, so the wall-clock times in between are
/// skipped, or back, so they happen twice. Instants and wall-clock times are both <see cref="DateTime"/>s of kind
/// UTC here (a wall-clock time is the reading of the zone's clock, which is what Cronos matches fields against).
/// </summary>
/// <param name="At">The instant of the change.</param>
/// <param name="Before">The offset until then.</param>
/// <param name="After">The offset from then on.</param>
internal readonly record struct ClockChange(DateTime At, TimeSpan Before, TimeSpan After)
{
    // Offsets lie within ±14 h, and since 1970 no zone of the tz database has changed its offset twice within 36 hours:
    // so a wall-clock time's instants, and the one change that could skip or repeat it, lie within this reach of it.
    private static readonly TimeSpan Reach = TimeSpan.FromHours(18);

    /// <summary>The clocks jump forward: the wall-clock times from <see cref="WallBefore"/> to <see cref="WallAfter"/> never happen.</summary>
    public bool JumpsForward => After > Before;

    /// <summary>The reading the clocks jump away from (02:00 in New York, both in March and in November).</summary>
    public DateTime WallBefore => At + Before;

    /// <summary>The reading they jump to (03:00 in March, 01:00 in November in New York).</summary>
    public DateTime WallAfter => At + After;

    /// <summary>Whether the wall-clock time never happens.</summary>
    public bool Skips(DateTime wall) => JumpsForward && wall >= WallBefore && wall < WallAfter;

    /// <summary>Whether the wall-clock time happens twice: first at offset <see cref="Before"/>, then at <see cref="After"/>.</summary>
    public bool Repeats(DateTime wall) => !JumpsForward && wall >= WallAfter && wall < WallBefore;

    /// <summary>The offset of a wall-clock time near the change that happens exactly once.</summary>
    public TimeSpan OffsetOf(DateTime wall) => wall < WallBefore && wall < WallAfter ? Before : After;

    /// <summary>
    /// The change of <paramref name="zone"/> within 18 hours of <paramref name="time"/> (an instant, or a wall-clock
    /// time), or null when there is none; then <paramref name="offset"/> is the zone's offset throughout.
    /// </summary>
    public static ClockChange? Near(TimeZoneInfo zone, DateTime time, out TimeSpan offset)
    {
        if (ReferenceEquals(zone, TimeZoneInfo.Utc))
        {
            offset = TimeSpan.Zero; // the default zone of a task: spare it the lookups
            return null;
        }

        var low = FloorToSecond(time > DateTime.MinValue + Reach ? time - Reach : DateTime.MinValue);
        var high = FloorToSecond(time < DateTime.MaxValue - Reach ? time + Reach : DateTime.MaxValue);
        offset = zone.GetUtcOffset(low);
        var after = zone.GetUtcOffset(high);
        if (offset == after)
        {
            return null;
        }

        // Changes happen on whole seconds: find the first second with the new offset.
        while (high - low > TimeSpan.FromSeconds(1))
        {
            var middle = FloorToSecond(low + ((high - low) / 2));
            if (zone.GetUtcOffset(middle) == offset)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return new ClockChange(high, offset, after);
    }

    public static DateTime FloorToSecond(DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
