using Spectre.Console;

namespace TaskCenter.Cli;

/// <summary>
/// Where a command reads and writes: stdout carries the command's result only (one JSON document with --json), stderr
/// carries progress, prompts and errors, stdin feeds <c>--data-file -</c> and confirmations.
/// </summary>
public sealed class CliConsole(TextWriter stdout, TextWriter stderr, TextReader stdin)
{
    private IAnsiConsole? _outConsole;
    private IAnsiConsole? _errorConsole;

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public TextReader In { get; } = stdin;

    /// <summary>Spectre rendering (tables) to stdout.</summary>
    internal IAnsiConsole OutConsole => _outConsole ??= CreateAnsiConsole(Out);

    /// <summary>Spectre rendering (the progress bar) to stderr.</summary>
    internal IAnsiConsole ErrorConsole => _errorConsole ??= CreateAnsiConsole(Error);

    private static IAnsiConsole CreateAnsiConsole(TextWriter writer)
    {
        var isTerminal = ReferenceEquals(writer, Console.Out) ? !Console.IsOutputRedirected
            : ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // Redirected output has no window to wrap at: keep ids and times on one line for grep and friends.
            console.Profile.Width = 240;
        }

        return console;
    }
}
