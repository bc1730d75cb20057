namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// The real server as its own process: <c>dotnet TaskCenter.Server.dll</c> (built beside the harness) on a free
/// loopback port, on a given SQLite file, logging at Warning (plus the "Now listening on" line it is found by).
/// </summary>
public static class TaskCenterServerProcess
{
    /// <summary>
    /// Starts the server on <paramref name="databasePath"/>, with <paramref name="settings"/> (<c>--Key=value</c>) after
    /// the harness's own, and returns once it listens.
    /// </summary>
    public static Task<WebProcess> StartAsync(
        string workingDirectory, string databasePath, IReadOnlyList<string> settings, CancellationToken cancellationToken) =>
        WebProcess.StartAsync(
            "TaskCenter.Server",
            workingDirectory,
            [
                $"--Storage:Sqlite:Path={databasePath}",
                "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
                .. settings,
            ],
            cancellationToken);
}
