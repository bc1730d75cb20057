using System.CommandLine;
using TaskCenter.Cli.Commands;

namespace TaskCenter.Cli;

/// <summary>
/// The whole command line as a function of its arguments and console: what <c>Program</c> runs, and what tests call
/// in-process. Returns the exit code (see <see cref="ExitCodes"/>).
/// </summary>
public static class CliApp
{
    /// <summary>Runs with no standard input (confirmations are declined, <c>--data-file -</c> reads nothing).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliConsole(stdout, stderr, TextReader.Null), cancellationToken);

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var context = new CliContext(console, new GlobalOptions());
        var parseResult = RootCommandFactory.Create(context).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await console.Error.WriteLineAsync("Run 'taskcenter --help' for usage.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false, // ErrorReporter maps failures to exit codes
            ProcessTerminationTimeout = null, // Program turns Ctrl+C and SIGTERM into the cancellation token (StopSignals)
        };
        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception ex) when (ErrorReporter.TryDescribe(ex, parseResult.GetValue(context.Options.Server), cancellationToken, out var exitCode, out var message))
        {
            await console.Error.WriteLineAsync($"error: {message}");
            return exitCode;
        }
    }
}
