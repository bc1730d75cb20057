using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// The real server as its own process: <c>dotnet TaskCenter.Server.dll</c> (built beside the harness) on a free
/// loopback port, on the storage it is given (a SQLite file or a PostgreSQL database), logging at Warning (plus the
/// "Now listening on" line it is found by).
/// </summary>
public sealed partial class TaskCenterServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastLines;

    private TaskCenterServerProcess(Process process, Uri baseAddress, ConcurrentQueue<string> lastLines)
    {
        _process = process;
        BaseAddress = baseAddress;
        _lastLines = lastLines;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the server with <paramref name="storageSettings"/> and then <paramref name="settings"/> (each
    /// <c>--Key=value</c>) after the harness's own, and returns once it listens.
    /// </summary>
    public static async Task<TaskCenterServerProcess> StartAsync(
        string workingDirectory, IReadOnlyList<string> storageSettings, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "TaskCenter.Server.dll");
        if (!File.Exists(serverDll))
        {
            throw new FileNotFoundException("TaskCenter.Server.dll is not beside the harness; build bench/TaskCenter.Benchmarks.", serverDll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            serverDll, "--urls", "http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        ];
        foreach (var argument in arguments.Concat(storageSettings).Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the TaskCenter server.");
        var lastLines = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? text)
        {
            if (text is null)
            {
                return;
            }

            lastLines.Enqueue(text);
            while (lastLines.Count > 20 && lastLines.TryDequeue(out _))
            {
            }

            if (ListeningLine().Match(text) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        }

        process.OutputDataReceived += (_, line) => OnLine(line.Data);
        process.ErrorDataReceived += (_, line) => OnLine(line.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"The TaskCenter server exited with {process.ExitCode} before listening: {string.Join(" | ", lastLines)}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var address = await listening.Task.WaitAsync(StartTimeout, cancellationToken);
            return new TaskCenterServerProcess(process, address, lastLines);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The server's memory now, or null once it has exited.</summary>
    public MemorySample? SampleMemory() => _process.HasExited ? null : MemorySample.Read(_process.Id);

    /// <summary>SIGTERM, as a service manager stops it; waits for the exit (kills it when it does not come in time).</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-s", "TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(_process);
        }
    }

    /// <summary>The server's last lines of output, for error messages.</summary>
    public string LastOutput => string.Join(Environment.NewLine, _lastLines);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill(_process);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
