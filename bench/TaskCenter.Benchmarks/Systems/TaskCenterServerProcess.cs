namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// The real server as its own process: <c>dotnet TaskCenter.Server.dll</c> (built beside the harness) on a free
/// loopback port, on the storage it is given (a SQLite file or a PostgreSQL database), logging at Warning (plus the
/// "Now listening on" line it is found by).
/// </summary>
public static class TaskCenterServerProcess
{
    /// <summary>
    /// Starts the server with <paramref name="storageSettings"/> and then <paramref name="settings"/> (each
    /// <c>--Key=value</c>) after the harness's own, and returns once it listens.
    /// </summary>
    public static Task<WebProcess> StartAsync(
        string workingDirectory, IReadOnlyList<string> storageSettings, IReadOnlyList<string> settings, CancellationToken cancellationToken) =>
        WebProcess.StartAsync(
            "TaskCenter.Server",
            workingDirectory,
            [
                "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
                .. storageSettings,
                .. settings,
            ],
            cancellationToken);
}
