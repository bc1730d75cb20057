using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace TaskCenter.Cli.Tests.Support;

/// <summary>
/// <c>taskcenter</c> as a separate process (the taskcenter.dll built beside the tests), for what only a process has:
/// signals, the exit code the shell sees, and the machine's time zone (<c>TZ</c>).
/// </summary>
public sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly ConcurrentQueue<string> _stderr = new();

    private CliProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        // Through env --default-signal=INT: a process started in the background by a shell inherits SIGINT ignored, and
        // .NET keeps an inherited ignore, so a test run from such a job would see a CLI that Ctrl+C cannot stop.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in args.Prepend(Path.Combine(AppContext.BaseDirectory, "taskcenter.dll")).Prepend("dotnet").Prepend("--default-signal=INT"))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start taskcenter");
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                _stdout.Writer.TryWrite(text);
            }
            else
            {
                _stdout.Writer.TryComplete();
            }
        };
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                _stderr.Enqueue(text);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    /// <summary>What it wrote to stderr so far, one entry per line.</summary>
    public string Stderr => string.Join(Environment.NewLine, _stderr);

    public static CliProcess Start(params string[] args) => new(args, new Dictionary<string, string>());

    public static CliProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) => new(args, environment);

    /// <summary>Runs it to its end; returns its exit code and its whole stdout.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        await using var cli = Start(environment, args);
        var exitCode = await cli.ExitedAsync();
        var stdout = new List<string>();
        await foreach (var line in cli._stdout.Reader.ReadAllAsync())
        {
            stdout.Add(line);
        }

        return (exitCode, string.Join('\n', stdout), cli.Stderr);
    }

    /// <summary>The next line it writes to stdout.</summary>
    public Task<string> NextLineAsync() => _stdout.Reader.ReadAsync().AsTask().OrTimeout();

    /// <summary>Sends the signal (TERM, INT) and returns the exit code it then ends with.</summary>
    public async Task<int> SignalAsync(string signal)
    {
        await ProcessSignals.SendAsync(_process, signal);
        return await ExitedAsync();
    }

    public async Task<int> ExitedAsync()
    {
        await _process.WaitForExitAsync().OrTimeout();
        _process.WaitForExit(); // the last lines of output are read
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
