using System.Globalization;
using System.Text.Json;

namespace TaskCenter.Core.Tests.Scheduling;

/// <summary>The shared sample of crontab cases (TestData/cron-cases-sample.json), one theory row per case.</summary>
public static class CronSampleCases
{
    private const string FileName = "cron-cases-sample.json";

    /// <summary>Rows of (expr, timezone, from, expected): expected is "invalid" or the unix seconds joined by ','.</summary>
    public static IEnumerable<object[]> All()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Locate()));
        foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var expected = item.GetProperty("expected");
            var text = expected.ValueKind == JsonValueKind.String
                ? expected.GetString()!
                : string.Join(',', expected.EnumerateArray().Select(e => e.GetInt64().ToString(CultureInfo.InvariantCulture)));
            yield return
            [
                item.GetProperty("expr").GetString()!,
                item.GetProperty("timezone").GetString()!,
                item.GetProperty("from").GetInt64(),
                text,
            ];
        }
    }

    // Next to the test assembly once the csproj copies it there; else in the source tree.
    private static string Locate()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Scheduling", "TestData", FileName);
        if (File.Exists(copied))
        {
            return copied;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TaskCenter.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "TaskCenter.Core.Tests", "Scheduling", "TestData", FileName);
            }
        }

        throw new FileNotFoundException($"no TaskCenter.slnx above {AppContext.BaseDirectory}", FileName);
    }
}
