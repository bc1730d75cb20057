namespace TaskCenter.Server.Composition;

/// <summary>
/// The server's log: one line per entry on stdout, with a UTC timestamp; expected states (a failed start, a probe of a
/// server whose database is down) are said once, in one line, without a stack trace.
/// </summary>
public static class ServerLogging
{
    /// <summary>The host's category: its error entries repeat a failed start with a stack trace.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>The health check service's category: it logs an error for every probe that finds a part unhealthy.</summary>
    private const string HealthChecksCategory = "Microsoft.Extensions.Diagnostics.HealthChecks";

    public static ILoggingBuilder AddServerLogging(this ILoggingBuilder logging)
    {
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
        });
        // A failed start is reported in one line (StartFailure). A background service that fails is still logged, with
        // its stack trace, by the host's critical entry.
        logging.AddFilter(HostCategory, level => level >= LogLevel.Information && level != LogLevel.Error);
        // The probe's answer says what is unhealthy, and the part that saw the outage logs it once.
        logging.AddFilter(HealthChecksCategory, LogLevel.Critical);
        return logging;
    }
}
