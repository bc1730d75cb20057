using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TaskCenter.Testing;

/// <summary>
/// The real server as a separate process (the TaskCenter.Server.dll built beside the tests), on a free loopback
/// port, with its SQLite file in <see cref="DataDirectory"/>. For tests about the process: SIGKILL, restart, what it
/// logs, a start that fails.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private ServerProcess(Process process, Uri baseAddress, string dataDirectory, ConcurrentQueue<string> output)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        _output = output;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    /// <summary>What the server printed so far (its log on stdout, anything on stderr), one entry per line.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts the server and returns once it listens.</summary>
    public static Task<ServerProcess> StartAsync(string dataDirectory, params string[] settings) =>
        StartAsync(dataDirectory, new Dictionary<string, string>(), settings);

    /// <summary>
    /// Starts the server with <paramref name="environment"/> added to its environment and returns once it listens; when
    /// the environment says where to listen (<c>ASPNETCORE_URLS</c>, <c>Urls</c>), no <c>--urls</c> is passed.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] settings)
    {
        var (process, output) = Launch(dataDirectory, settings, environment);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && ListeningLine().Match(text) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"the server exited with {process.ExitCode} before listening: {string.Join(Environment.NewLine, output)}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return new ServerProcess(process, address, dataDirectory, output);
    }

    /// <summary>Runs a server that is expected to refuse to start; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output)> RunUntilExitAsync(string dataDirectory, params string[] settings)
    {
        var (process, output) = Launch(dataDirectory, settings, new Dictionary<string, string>());
        using (process)
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"the server did not exit: {string.Join(Environment.NewLine, output)}");
            }

            process.WaitForExit(); // the last lines of output are read
            return (process.ExitCode, [.. output]);
        }
    }

    private static (Process Process, ConcurrentQueue<string> Output) Launch(
        string dataDirectory, string[] settings, IReadOnlyDictionary<string, string> environment)
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "TaskCenter.Server.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        string[] listen = environment.ContainsKey("ASPNETCORE_URLS") || environment.ContainsKey("Urls") ? [] : ["--urls", "http://127.0.0.1:0"];
        foreach (var argument in new[] { serverDll }.Concat(listen).Append($"--Storage:Sqlite:Path={Path.Combine(dataDirectory, "taskcenter.db")}").Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                output.Enqueue(text);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                output.Enqueue(text);
            }
        };
        return (process, output);
    }

    /// <summary>Waits until the process exits by itself (a minute at most); returns the exit code.</summary>
    public async Task<int> ExitedAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return _process.ExitCode;
    }

    /// <summary>The process's resident memory now (VmRSS of /proc/&lt;pid&gt;/status, Linux), in bytes.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>SIGTERM, as a service manager stops it; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        await SignalAsync("TERM");
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    /// <summary>
    /// SIGSTOP: the process freezes with its connections open, as when its network is cut; the database ends its
    /// sessions' open transactions after their idle timeout. <see cref="ResumeAsync"/> lets it run again.
    /// </summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT after <see cref="FreezeAsync"/>.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private Task SignalAsync(string signal) => ProcessSignals.SendAsync(_process, signal);

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
