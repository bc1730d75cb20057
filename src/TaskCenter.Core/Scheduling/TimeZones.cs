using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace TaskCenter.Core.Scheduling;

/// <summary>Finds time zones by IANA id ("UTC", "Europe/Berlin", "Asia/Shanghai").</summary>
public static class TimeZones
{
    // Only hits are cached, so the cache is bounded by the size of the tz database.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Found = new(StringComparer.Ordinal);

    private const int MaxIdLength = 64;

    /// <summary>
    /// The zone with IANA id <paramref name="id"/> (exact case). Windows ids, paths, unknown ids, "" and null → false.
    /// </summary>
    public static bool TryFind([NotNullWhen(true)] string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        if (id is null)
        {
            zone = null;
            return false;
        }

        if (Found.TryGetValue(id, out zone))
        {
            return true;
        }

        if (!LooksLikeIanaId(id)
            || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone)
            || !zone.HasIanaId
            // .NET caches zones case-insensitively: "europe/berlin" is found only once "Europe/Berlin" was.
            || !string.Equals(zone.Id, id, StringComparison.Ordinal))
        {
            zone = null;
            return false;
        }

        Found.TryAdd(id, zone);
        return true;
    }

    private static bool LooksLikeIanaId(string id)
    {
        if (id.Length is 0 or > MaxIdLength || !char.IsAsciiLetter(id[0]) || id[^1] == '/' || id.Contains("//", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('/' or '_' or '-' or '+'))
            {
                return false;
            }
        }

        // Files in the zoneinfo folder that are not zones of their own: the host's zone and alternate trees.
        return id is not ("localtime" or "posixrules")
            && !id.StartsWith("posix/", StringComparison.Ordinal)
            && !id.StartsWith("right/", StringComparison.Ordinal);
    }
}
