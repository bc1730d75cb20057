namespace TaskCenter.Cli;

/// <summary>The process exit codes of <c>taskcenter</c>.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server refused the request (its <c>{err,msg}</c>), or a bulk add had failed lines, or a confirmation was declined.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage: unknown command or option, a value that does not parse, a missing input.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached (connection refused, DNS, timeout).</summary>
    public const int Unreachable = 3;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT), for every command but tail, for which Ctrl+C is the normal way to stop.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15), for every command but tail, for which SIGTERM is a normal way to stop.</summary>
    public const int Terminated = 143;
}
