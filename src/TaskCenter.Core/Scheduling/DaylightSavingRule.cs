namespace TaskCenter.Core.Scheduling;

/// <summary>
/// When a crontab fires around a change of the clocks, exactly as cronie decides it (src/cron.c: a jump forward is
/// its "DST begins" case, a jump back its "DST ends" case; the kind is entry.c's MIN_STAR/HR_STAR):
/// <list type="bullet">
/// <item>Clocks jump forward: a <see cref="CrontabKind.FixedTime"/> job whose wall-clock time was skipped fires once,
/// at the jump (however many of its times were skipped); a <see cref="CrontabKind.Wildcard"/> job fires only at
/// wall-clock times that happen.</item>
/// <item>Clocks fall back: a fixed-time job fires only in the first pass through the repeated wall-clock times; a
/// wildcard job fires in both passes, by real time.</item>
/// </list>
/// Everywhere else a crontab fires at the one instant of each matching wall-clock time. Pure: no clock, no state.
/// </summary>
internal static class DaylightSavingRule
{
    // A wildcard job whose matching times all fall into jumps (e.g. "*/5 2 * 3 0#2" in New York) would be searched up
    // to the year 9999 (about 25 ms); after this many jumps in a row (centuries of them; about 2 ms) it is taken never
    // to fire.
    private const int MaxSkippedInARow = 1000;

    /// <summary>
    /// The first fire strictly after <paramref name="after"/> (UTC), in whole seconds; null when there is none.
    /// </summary>
    /// <param name="nextWallTime">
    /// The crontab's fields: the first matching wall-clock time after the given one (or at it, when the flag says
    /// inclusive), or null. Wall-clock times are <see cref="DateTime"/>s of kind UTC holding the clock's reading.
    /// </param>
    public static DateTime? NextFire(CrontabKind kind, TimeZoneInfo zone, DateTime after, Func<DateTime, bool, DateTime?> nextWallTime)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(nextWallTime);

        // Fires are whole seconds, so "after `after`" is "after its second".
        var from = ClockChange.FloorToSecond(after);
        var change = ClockChange.Near(zone, from, out var offset);
        var wall = from + (change is { } c ? (from < c.At ? c.Before : c.After) : offset);
        var inclusive = false;
        if (change is { } back && back.Repeats(wall))
        {
            // Within the repeated wall-clock times: the rest of the first pass, then (wildcard jobs) the second.
            var firstPass = from < back.At;
            if (firstPass && nextWallTime(wall, false) is { } early && early < back.WallBefore)
            {
                return early - back.Before;
            }

            if (kind == CrontabKind.Wildcard
                && (firstPass ? nextWallTime(back.WallAfter, true) : nextWallTime(wall, false)) is { } late
                && late < back.WallBefore)
            {
                return late - back.After;
            }

            wall = back.WallBefore;
            inclusive = true;
        }

        for (var skipped = 0; skipped < MaxSkippedInARow && nextWallTime(wall, inclusive) is { } next; skipped++)
        {
            if (ClockChange.Near(zone, next, out var nextOffset) is not { } near)
            {
                return next - nextOffset;
            }

            if (!near.Skips(next))
            {
                // A repeated time fires first in the first pass, whatever the kind.
                return next - (near.Repeats(next) ? near.Before : near.OffsetOf(next));
            }

            if (kind == CrontabKind.FixedTime)
            {
                return near.At;
            }

            wall = near.WallAfter;
            inclusive = true;
        }

        return null;
    }
}
