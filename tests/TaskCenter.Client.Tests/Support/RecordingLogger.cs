using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace TaskCenter.Client.Tests.Support;

/// <summary>A logger that writes every entry to a channel, so a test can await what the code under test logged.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public Channel<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = Waiting.NewChannel<(LogLevel, string, Exception?)>();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Writer.TryWrite((logLevel, formatter(state, exception), exception));
}
