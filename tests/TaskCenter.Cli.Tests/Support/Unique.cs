namespace TaskCenter.Cli.Tests.Support;

/// <summary>Names no other test uses, so test classes can share a server and run in parallel.</summary>
public static class Unique
{
    public static string Name(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
