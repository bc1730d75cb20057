namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>
/// Around every clock change of every zone in 2024 and 2025 (zones that change alike once), the crontab fires exactly
/// when the model of cronie's main loop (<see cref="CronieSimulation"/>) runs the job.
/// </summary>
public class CronieAgreementTests
{
    private static readonly DateTime From = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // The whole UTC hours within which a zone's offset changes; of zones whose clocks change alike (e.g. all of the
    // European Union's), the first.
    private static readonly Lazy<List<(TimeZoneInfo Zone, DateTime Hour)>> Changes = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones()
            .SelectMany(zone => HoursWithAChange(zone).Select(hour => (zone, hour)))
            .DistinctBy(change => (change.hour, change.zone.GetUtcOffset(change.hour), change.zone.GetUtcOffset(change.hour.AddHours(1))))]);

    [Theory]
    [InlineData("30 * * * *")]
    [InlineData("*/15 * * * *")]
    [InlineData("0 */2 * * *")]
    [InlineData("*/20 1 * * *")]
    [InlineData("@hourly")]
    [InlineData("30 2 * * *")]
    [InlineData("15 0-2 * * *")]
    [InlineData("0,30 2 * * *")]
    [InlineData("0 2 * * 0")]
    [InlineData("@daily")]
    [InlineData("30 23 * * *")]
    [InlineData("0-59/7 0-3 * * *")]
    [InlineData("*/10 * * * * *")]
    [InlineData("* 30 1 * * *")]
    [InlineData("0 0-59 0-3 * * *")]
    public void Every_zone_changing_its_clocks_fires_as_cronie_runs(string expression)
    {
        var crontab = CronFires.Parse(expression);
        var reach = crontab.HasSeconds ? TimeSpan.FromMinutes(15) : TimeSpan.FromHours(6);
        var disagreements = new List<string>();
        foreach (var (zone, hour) in Changes.Value)
        {
            var (from, to) = (hour - reach, hour + TimeSpan.FromHours(1) + reach);
            var expected = CronieSimulation.Fires(crontab, zone, from, to);
            var actual = CronFires.Next(crontab, new DateTimeOffset(from), int.MaxValue, zone, new DateTimeOffset(to)).Select(f => f.UtcDateTime).ToList();
            if (!expected.SequenceEqual(actual))
            {
                disagreements.Add($"{zone.Id} near {hour:yyyy-MM-dd HH:mm}Z: cronie {Show(expected, zone)}, TaskCenter {Show(actual, zone)}");
            }
        }

        Assert.True(Changes.Value.Count > 50, $"only {Changes.Value.Count} clock changes found");
        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements.Take(5)));
    }

    private static IEnumerable<DateTime> HoursWithAChange(TimeZoneInfo zone)
    {
        var offset = zone.GetUtcOffset(From);
        for (var hour = From; hour < To; hour = hour.AddHours(1))
        {
            var next = zone.GetUtcOffset(hour.AddHours(1));
            if (next != offset)
            {
                offset = next;
                yield return hour;
            }
        }
    }

    private static string Show(List<DateTime> fires, TimeZoneInfo zone) =>
        "[" + string.Join(", ", fires.Select(f => CronFires.Described(new DateTimeOffset(f), zone))) + "]";
}
