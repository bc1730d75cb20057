using System.Diagnostics;
using TaskCenter.Benchmarks.Harness;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>
/// <c>bench/bullmq</c>, the Node.js side of the BullMQ peer: found in the repository, its npm packages installed
/// (<c>npm ci</c>, from its package-lock.json) the first time a run needs them.
/// </summary>
internal static class BullMqFolder
{
    private static readonly SemaphoreSlim Installing = new(1, 1);

    /// <summary>The folder, with its packages installed.</summary>
    public static async Task<string> PrepareAsync(CancellationToken cancellationToken)
    {
        var root = RepositoryPaths.FindRoot()
            ?? throw new InvalidOperationException("bench/bullmq is not found: run the harness from the repository.");
        var folder = Path.Combine(root, "bench", "bullmq");

        // npm writes node_modules/.package-lock.json last: without it an install is missing or was cut short.
        var installed = Path.Combine(folder, "node_modules", ".package-lock.json");
        if (File.Exists(installed))
        {
            return folder;
        }

        await Installing.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(installed))
            {
                await NpmCiAsync(folder, cancellationToken);
            }
        }
        finally
        {
            Installing.Release();
        }

        return folder;
    }

    private static async Task NpmCiAsync(string folder, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("npm")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            info.ArgumentList.Add(argument);
        }

        Process? started;
        try
        {
            started = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"npm is not on the PATH (Debian: apt-get install -y nodejs npm): {exception.Message}", exception);
        }

        using var npm = started ?? throw new InvalidOperationException("Could not start npm.");
        var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {folder} exited with {npm.ExitCode}: {await error}{await output}");
        }
    }
}
