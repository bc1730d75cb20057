using System.Diagnostics;

namespace TaskCenter.Benchmarks.Report;

/// <summary>The commit the harness runs on: <c>git rev-parse --short HEAD</c>, "+dirty" when the work tree has changes.</summary>
public static class GitInfo
{
    public static async Task<string> CommitAsync(string repositoryRoot)
    {
        var head = await GitAsync(repositoryRoot, "rev-parse", "--short", "HEAD");
        if (string.IsNullOrWhiteSpace(head))
        {
            return "unknown";
        }

        var changes = await GitAsync(repositoryRoot, "status", "--porcelain", "--untracked-files=no");
        return string.IsNullOrWhiteSpace(changes) ? head.Trim() : head.Trim() + "+dirty";
    }

    private static async Task<string?> GitAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
