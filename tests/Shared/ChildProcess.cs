using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace TaskCenter.Testing;

/// <summary>
/// A program the tests run as a process of its own, as a user runs it (the sample consumer, the .NET CLI, an app built
/// from the packages): every line it prints, on stdout or stderr, is kept and can be awaited in order; its standard
/// input stays open until <see cref="CloseInput"/>.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _printed = new();
    private readonly Channel<string> _lines = Waiting.NewChannel<string>();

    private ChildProcess(Process process) => _process = process;

    /// <summary>Everything printed so far, one line after another.</summary>
    public string Output => string.Join(Environment.NewLine, _printed);

    /// <summary>
    /// Starts <paramref name="fileName"/> in <paramref name="workingDirectory"/> (the test's own when <see langword="null"/>),
    /// with the test's environment changed by <paramref name="environment"/>: a <see langword="null"/> value removes the variable.
    /// </summary>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var child = new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}"));
        child._process.OutputDataReceived += (_, line) => child.Add(line.Data);
        child._process.ErrorDataReceived += (_, line) => child.Add(line.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs it with no input to its end, within <paramref name="timeout"/>: its exit code and every line it printed.</summary>
    public static async Task<(int ExitCode, List<string> Lines)> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        await using var child = Start(fileName, arguments, workingDirectory, environment);
        child.CloseInput();
        var exitCode = await child.ExitedAsync(timeout);
        return (exitCode, [.. child._printed]);
    }

    /// <summary>Reads lines until one contains <paramref name="text"/>; returns every line read, that one last.</summary>
    public async Task<List<string>> ReadUntilAsync(string text)
    {
        var read = new List<string>();
        try
        {
            do
            {
                read.Add(await _lines.NextAsync());
            }
            while (!read[^1].Contains(text, StringComparison.Ordinal));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no line with '{text}'; the process printed:{Environment.NewLine}{Output}");
        }

        return read;
    }

    /// <summary>Ends its standard input, as Ctrl+D in a terminal.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits until it exits by itself, and its output is read to the end; returns the exit code.</summary>
    public async Task<int> ExitedAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the process did not exit within {timeout}; it printed:{Environment.NewLine}{Output}");
        }

        _process.WaitForExit(); // the last lines of output are read
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as a service manager stops it (Ctrl+C does the same); returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        await ProcessSignals.SendAsync(_process, "TERM");
        return await ExitedAsync(TimeSpan.FromMinutes(1));
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

    private void Add(string? line)
    {
        if (line is not null)
        {
            _printed.Enqueue(line);
            _lines.Writer.TryWrite(line);
        }
    }
}
