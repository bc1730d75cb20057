namespace TaskCenter.Cli;

/// <summary>Asks on stderr and reads the answer from stdin, for commands that destroy something; --yes skips it.</summary>
internal static class Confirmation
{
    /// <exception cref="CliException">The answer was not yes (or stdin had none): nothing is done.</exception>
    public static async Task RequireAsync(CliConsole console, bool yes, string question, CancellationToken cancellationToken)
    {
        if (yes)
        {
            return;
        }

        await console.Error.WriteAsync($"{question} [y/N] ");
        var answer = (await console.In.ReadLineAsync(cancellationToken))?.Trim();
        if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
        {
            await console.Error.WriteLineAsync();
            throw CliException.Failure("not confirmed, nothing done (pass --yes to skip the question)");
        }
    }

    public static System.CommandLine.Option<bool> CreateYesOption() => new("--yes", "-y") { Description = "Do not ask for confirmation" };
}
