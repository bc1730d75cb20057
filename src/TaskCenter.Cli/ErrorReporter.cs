using System.Text.Json;
using TaskCenter.Client;

namespace TaskCenter.Cli;

/// <summary>Turns what a command threw into the line shown after <c>error:</c> and the exit code.</summary>
internal static class ErrorReporter
{
    /// <returns><see langword="false"/> for an exception that is a bug in the CLI: it is left to crash with its stack trace.</returns>
    public static bool TryDescribe(Exception exception, string? server, CancellationToken cancellationToken, out int exitCode, out string message)
    {
        (exitCode, message) = exception switch
        {
            CliException cli => (cli.ExitCode, cli.Message),
            TaskCenterApiException api => (ExitCodes.Failure, api.Msg),
            HttpRequestException { StatusCode: null } unreachable => (ExitCodes.Unreachable, $"cannot reach the server at {server}: {unreachable.Message}"),
            HttpRequestException answered => (ExitCodes.Failure, answered.Message),
            TaskCanceledException { InnerException: TimeoutException } => (ExitCodes.Unreachable, $"the server at {server} did not answer in time"),
            OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Interrupted, "interrupted"),
            JsonException json => (ExitCodes.Failure, $"unexpected answer from the server: {json.Message}"),
            _ => (-1, string.Empty),
        };
        return exitCode >= 0;
    }
}
