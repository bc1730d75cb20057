using System.Globalization;
using Spectre.Console;
using TaskCenter.Client;

namespace TaskCenter.Cli.Output;

/// <summary>
/// Fire times for people: in the zone they are read in, in UTC, and as unix seconds. A zone that keeps UTC's time gets
/// no column of its own (it would repeat the UTC one).
/// </summary>
internal static class FireTimesTable
{
    /// <param name="next">The times and the zone the server read them in.</param>
    /// <param name="zone">That zone as this machine knows it; <see langword="null"/> when it does not.</param>
    public static Table Create(NextFires next, TimeZoneInfo? zone)
    {
        var zoned = zone is not null && !TimeText.IsUtc(zone);
        var table = new Table();
        if (zoned)
        {
            table.AddColumn(next.TimeZone);
        }

        table.AddColumn("UTC").AddColumn("unix");
        foreach (var time in next.Times)
        {
            var utc = new Text(TimeText.Utc(time));
            var unix = new Text(time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            table.AddRow(zoned ? [new Text(TimeText.In(time, zone!)), utc, unix] : [utc, unix]);
        }

        return table;
    }
}
