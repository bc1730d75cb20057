using TaskCenter.Core.Scheduling;

namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>
/// cronie's main loop (src/cron.c), as a model to check the daylight-saving rule against: it steps through real time
/// one unit at a time (a minute; a second for the 6-field form, read like minutes), reads the zone's clock, and runs
/// jobs as cron.c's cases do. Its clock changes are all "DST begins" or "DST ends" cases: cronie's thresholds for
/// late wake-ups (up to 5 minutes) and for clock changes (over 3 hours) are about its own sleep, not about zones.
/// Fixed-time jobs caught up after a jump fire once at that step (cronie queues one run per skipped minute).
/// </summary>
internal static class CronieSimulation
{
    public static List<DateTime> Fires(Crontab crontab, TimeZoneInfo zone, DateTime fromUtc, DateTime toUtc)
    {
        var unit = crontab.HasSeconds ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1);
        var matches = WallTimesMatching(crontab, Wall(zone, fromUtc) - TimeSpan.FromHours(3), Wall(zone, toUtc) + TimeSpan.FromHours(3));
        var wildcard = crontab.Kind == CrontabKind.Wildcard;
        var fires = new List<DateTime>();

        // virtualTime: the wall-clock time whose jobs have all run; it only moves forward.
        var virtualTime = Wall(zone, fromUtc);
        for (var now = fromUtc + unit; now < toUtc; now += unit)
        {
            var clock = Wall(zone, now);
            var steps = (clock - virtualTime).Ticks / unit.Ticks;
            bool runs;
            if (steps == 1)
            {
                runs = matches.Contains(clock);
                virtualTime = clock;
            }
            else if (steps > 1)
            {
                // "DST begins": wildcard jobs for the current time; fixed-time jobs for every time up to it.
                runs = wildcard
                    ? matches.Contains(clock)
                    : Enumerable.Range(1, (int)steps).Any(step => matches.Contains(virtualTime + (unit * step)));
                virtualTime = clock;
            }
            else
            {
                // "DST ends": only wildcard jobs, until the clock passes virtual time again.
                runs = wildcard && matches.Contains(clock);
            }

            if (runs)
            {
                fires.Add(now);
            }
        }

        return fires;
    }

    private static DateTime Wall(TimeZoneInfo zone, DateTime utc) => utc + zone.GetUtcOffset(utc);

    // In UTC no clock changes, so the crontab's fires there are the wall-clock times its fields match.
    private static HashSet<DateTime> WallTimesMatching(Crontab crontab, DateTime from, DateTime to)
    {
        var matches = new HashSet<DateTime>();
        for (var at = new DateTimeOffset(from); crontab.GetNextOccurrence(at, TimeZoneInfo.Utc) is { } next && next.UtcDateTime < to; at = next)
        {
            matches.Add(next.UtcDateTime);
        }

        return matches;
    }
}
