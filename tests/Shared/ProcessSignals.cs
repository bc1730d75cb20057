using System.Diagnostics;
using System.Globalization;

namespace TaskCenter.Testing;

/// <summary>Sends a POSIX signal to a process with kill(1), as a shell, a service manager or <c>timeout</c> does.</summary>
public static class ProcessSignals
{
    /// <param name="process">The process.</param>
    /// <param name="signal">The signal's name without SIG: TERM, INT, STOP, CONT.</param>
    public static async Task SendAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }
}
