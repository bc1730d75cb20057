using System.Diagnostics;
using System.Reflection;
using System.Threading.Channels;

namespace TaskCenter.Client.Tests.Support;

/// <summary>
/// The sample consumer (samples/TaskCenter.Samples.Consumer) as a process of its own, run from its build output as a user
/// runs it: every line it prints (stdout and stderr) can be awaited.
/// </summary>
public sealed class SampleConsumerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SampleConsumerProcess(Process process) => _process = process;

    /// <summary>Every line printed so far and from now on, in the order they came.</summary>
    public Channel<string> Lines { get; } = Waiting.NewChannel<string>();

    public static SampleConsumerProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(typeof(SampleConsumerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "SampleConsumerDll").Value!));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Not the test run's own: the sample reads these when an option is not given.
        start.Environment.Remove("TASKCENTER_SERVER");
        start.Environment.Remove("TASKCENTER_API_KEY");
        var sample = new SampleConsumerProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the sample consumer"));
        sample._process.OutputDataReceived += (_, line) => sample.Add(line.Data);
        sample._process.ErrorDataReceived += (_, line) => sample.Add(line.Data);
        sample._process.BeginOutputReadLine();
        sample._process.BeginErrorReadLine();
        return sample;
    }

    /// <summary>Runs the sample to its end (a minute at most): its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, List<string> Lines)> RunAsync(params string[] arguments)
    {
        await using var sample = Start(arguments);
        await sample._process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        sample._process.WaitForExit(); // the last lines of output are read
        sample.Lines.Writer.TryComplete();
        return (sample._process.ExitCode, await sample.Lines.Reader.ReadAllAsync().ToListAsync());
    }

    /// <summary>Reads lines until one contains <paramref name="text"/>; returns every line read, that one last.</summary>
    public async Task<List<string>> ReadUntilAsync(string text)
    {
        var read = new List<string>();
        try
        {
            do
            {
                read.Add(await Lines.NextAsync());
            }
            while (!read[^1].Contains(text, StringComparison.Ordinal));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the sample consumer printed no line with '{text}'; it printed:{Environment.NewLine}{string.Join(Environment.NewLine, read)}");
        }

        return read;
    }

    /// <summary>SIGTERM, as a service manager stops it (Ctrl+C does the same); returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-s", "TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
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

    private void Add(string? line)
    {
        if (line is not null)
        {
            Lines.Writer.TryWrite(line);
        }
    }
}
