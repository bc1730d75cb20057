using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace TaskCenter.Samples.Consumer;

/// <summary>
/// One line per log entry, and of an exception only its message: a failing handler is the retry this sample shows,
/// so its stack trace would be noise. (The SDK logs the exception whole; a service usually wants it in its log.)
/// </summary>
internal sealed class OneLineConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var error = logEntry.Exception is { } exception ? $": {exception.Message}" : string.Empty;
        var category = logEntry.Category[(logEntry.Category.LastIndexOf('.') + 1)..];
        textWriter.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"{PrintingHandler.Iso(DateTimeOffset.UtcNow)} {Level(logEntry.LogLevel)} {category}: {message}{error}"));
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}
