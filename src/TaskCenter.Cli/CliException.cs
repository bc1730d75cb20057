namespace TaskCenter.Cli;

/// <summary>A failure the command has already put into words: printed as <c>error: message</c>, exiting with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException Failure(string message) => new(ExitCodes.Failure, message);
}
