namespace TaskCenter.Cli.Tests.Support;

/// <summary>Runs <c>taskcenter</c> in-process, as a shell would run it, with stdout and stderr captured.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(string[] args, string stdin = "", CancellationToken cancellationToken = default)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin);
        var exitCode = await CliApp.RunAsync(args, new CliConsole(stdout, stderr, input), cancellationToken).OrTimeout();
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    public static async Task<CliResult> RunAsync(string[] args, LineSignallingWriter stdout, CancellationToken cancellationToken)
    {
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, new CliConsole(stdout, stderr, TextReader.Null), cancellationToken).OrTimeout();
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
