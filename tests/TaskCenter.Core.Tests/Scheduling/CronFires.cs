using System.Globalization;
using TaskCenter.Core.Scheduling;

namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>Runs a crontab forward and reports its fires as "yyyy-MM-ddTHH:mm:ssZ" strings.</summary>
internal static class CronFires
{
    public static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static Crontab Parse(string expression)
    {
        Assert.True(Crontab.TryParse(expression, out var crontab, out var error), $"'{expression}' should parse, got: {error}");
        Assert.Equal("", error);
        return crontab;
    }

    /// <summary>The next <paramref name="count"/> fires strictly after <paramref name="fromUtc"/>.</summary>
    public static string[] Next(string expression, string fromUtc, int count, string zone = "UTC") =>
        Next(Parse(expression), Utc(fromUtc), count, Zone(zone)).Select(Iso).ToArray();

    public static List<DateTimeOffset> Next(Crontab crontab, DateTimeOffset from, int count, TimeZoneInfo zone, DateTimeOffset? before = null)
    {
        var fires = new List<DateTimeOffset>(Math.Min(count, 64));
        var at = from;
        while (fires.Count < count && crontab.GetNextOccurrence(at, zone) is { } next && (before is null || next < before))
        {
            Assert.Equal(TimeSpan.Zero, next.Offset);
            Assert.Equal(0, next.Ticks % TimeSpan.TicksPerSecond);
            Assert.True(next > at, $"{Iso(next)} is not after {Iso(at)}");
            fires.Add(next);
            at = next;
        }

        return fires;
    }

    /// <summary>
    /// The fires strictly after <paramref name="fromUtc"/> and before <paramref name="toUtc"/>, each as its UTC instant and
    /// its wall-clock time with the offset in <paramref name="zone"/>, e.g. "2024-03-10T07:30Z 03:30-04:00".
    /// </summary>
    public static string[] Between(string expression, string zone, string fromUtc, string toUtc)
    {
        var tz = Zone(zone);
        var end = Utc(toUtc);
        return Next(Parse(expression), Utc(fromUtc), int.MaxValue, tz, end).Select(fire => Described(fire, tz)).ToArray();
    }

    public static string Described(DateTimeOffset fire, TimeZoneInfo zone)
    {
        var wall = TimeZoneInfo.ConvertTime(fire, zone);
        var time = fire.Second == 0 ? "HH:mm" : "HH:mm:ss";
        return fire.UtcDateTime.ToString($"yyyy-MM-dd'T'{time}'Z'", CultureInfo.InvariantCulture) + " "
            + wall.ToString(time + "zzz", CultureInfo.InvariantCulture);
    }

    public static TimeZoneInfo Zone(string id)
    {
        Assert.True(TimeZones.TryFind(id, out var zone), $"zone {id} should exist");
        return zone;
    }

    public static string ParseError(string? expression)
    {
        Assert.False(Crontab.TryParse(expression, out var crontab, out var error), $"'{expression}' should be invalid");
        Assert.Null(crontab);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error;
    }
}
