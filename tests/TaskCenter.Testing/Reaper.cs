using System.Diagnostics;

namespace TaskCenter.Testing;

/// <summary>
/// Cleans up after this process once it is gone, however it ended: a test host is often ended before its exit handlers
/// finish, and a process killed with SIGKILL runs none. A detached shell (not among this process's children once
/// started) waits until this process has exited, then runs the clean-up command.
/// </summary>
internal static class Reaper
{
    /// <summary>Runs <paramref name="command"/> (sh syntax) once this process is gone.</summary>
    public static void WhenGone(string command)
    {
        var reaper = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {command}";
        var info = new ProcessStartInfo("sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"({reaper}) </dev/null >/dev/null 2>&1 &");
        using var starter = Process.Start(info) ?? throw new InvalidOperationException("Could not start the reaper shell.");
        starter.WaitForExit();
    }
}
