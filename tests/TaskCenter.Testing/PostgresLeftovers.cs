using System.Diagnostics;

namespace TaskCenter.Testing;

/// <summary>
/// Keeps throwaway PostgreSQL servers from outliving the process that started them, folder included: each folder holds
/// a whole cluster, hundreds of megabytes in the temp directory. A test host is often ended before its exit handlers
/// finish, and a process killed with SIGKILL runs none, so a <see cref="Reaper"/> stops the server and deletes its
/// folder once the process is gone (<see cref="ReapWhenGone"/>); and whatever was left before that (a reboot) is swept at the next
/// start (<see cref="SweepOnce"/>).
/// </summary>
internal static class PostgresLeftovers
{
    public const string FolderPrefix = "taskcenter-pg-";

    /// <summary>How long a folder's server must be gone and its log quiet before a sweep deletes it (a server stopped by an outage test comes back within seconds).</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(15);
    private static int s_swept;

    /// <summary>
    /// Once this process is gone (<see cref="Reaper"/>), stops the server in <paramref name="dataDirectory"/> and deletes
    /// <paramref name="root"/>. The folder names come from Directory.CreateTempSubdirectory: no quotes in them.
    /// </summary>
    public static void ReapWhenGone(string root, string dataDirectory, string pgCtl, string? runAs)
    {
        var stop = $"{(runAs is null ? "" : $"runuser -u {runAs} -- ")}'{pgCtl}' stop -D '{dataDirectory}' -m immediate -w -t 30";
        Reaper.WhenGone($"{stop}; rm -rf '{root}'");
    }

    /// <summary>Sweeps the temp directory, the first time a process calls it.</summary>
    public static void SweepOnce()
    {
        if (Interlocked.Exchange(ref s_swept, 1) != 0)
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            if (IsLeftover(folder))
            {
                TryDelete(folder);
            }
        }
    }

    private static bool IsLeftover(string folder)
    {
        var log = Path.Combine(folder, "postgres.log");
        var lastActivity = File.Exists(log) ? File.GetLastWriteTimeUtc(log) : Directory.GetLastWriteTimeUtc(folder);
        return DateTime.UtcNow - lastActivity > Quiet && !IsRunning(Path.Combine(folder, "data", "postmaster.pid"));
    }

    private static bool IsRunning(string pidFile)
    {
        try
        {
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
            {
                return false;
            }

            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return true; // cannot tell: leave it
        }
    }

    /// <summary>Deletes the folder, tolerating another process's sweep deleting it at the same time (test hosts start together).</summary>
    private static void TryDelete(string folder)
    {
        for (var attempt = 0; attempt < 3 && Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Entries vanishing under us (the other sweep), or not ours to delete: look again, then leave it.
            }
        }
    }
}
