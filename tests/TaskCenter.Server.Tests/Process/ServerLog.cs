namespace TaskCenter.Server.Tests.Process;

/// <summary>
/// Reads a server process's log: one line per entry (<c>TIMESTAMP level: Category[id] message</c>), with an exception's
/// stack trace, when one is logged, on the same line.
/// </summary>
internal static class ServerLog
{
    public static List<string> Warnings(IEnumerable<string> lines) => At(lines, "warn");

    /// <summary>No entry at error or critical level, and no stack trace anywhere.</summary>
    public static void AssertNoFailure(IReadOnlyList<string> lines)
    {
        Assert.Empty(At(lines, "fail"));
        Assert.Empty(At(lines, "crit"));
        Assert.DoesNotContain(lines, line => line.Contains("   at ", StringComparison.Ordinal));
    }

    private static List<string> At(IEnumerable<string> lines, string level) =>
        [.. lines.Where(line => line.Contains($" {level}: ", StringComparison.Ordinal))];
}
