using System.Globalization;
using TaskCenter.Core.Scheduling;

namespace TaskCenter.Core.Tests.Scheduling;

public class CronSampleCasesTests
{
    [Theory]
    [MemberData(nameof(CronSampleCases.All), MemberType = typeof(CronSampleCases))]
    public void Sample_case_matches(string expr, string timezone, long from, string expected)
    {
        var valid = Crontab.TryParse(expr, out var crontab, out var error);
        var zoneFound = TimeZones.TryFind(timezone, out var zone);
        if (expected == "invalid")
        {
            Assert.False(valid && zoneFound, $"'{expr}' in {timezone} should be invalid");
            return;
        }

        Assert.True(valid, error);
        Assert.True(zoneFound, timezone);
        var fires = CronFires.Next(crontab!, DateTimeOffset.FromUnixTimeSeconds(from), 5, zone!)
            .Select(f => f.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(expected, string.Join(',', fires));
    }
}
