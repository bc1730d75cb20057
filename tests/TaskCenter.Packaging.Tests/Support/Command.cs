namespace TaskCenter.Packaging.Tests.Support;

/// <summary>A command the tests need to succeed (the pack script, nuget, a tool install).</summary>
public static class Command
{
    /// <summary>Runs it to its end; returns what it printed, or throws with that when it exits with other than 0.</summary>
    public static async Task<string> RunAsync(string fileName, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var (exitCode, lines) = await ChildProcess.RunAsync(fileName, arguments, timeout, workingDirectory);
        var output = string.Join(Environment.NewLine, lines);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {exitCode}:{Environment.NewLine}{output}");
    }
}
