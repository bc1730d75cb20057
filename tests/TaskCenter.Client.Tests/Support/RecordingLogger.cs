using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace TaskCenter.Client.Tests.Support;

/// <summary>A logger that writes every entry to a channel, so a test can await what the code under test logged.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public Channel<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = Waiting.NewChannel<(LogLevel, string, Exception?)>();

    /// <summary>Takes every entry logged so far, without waiting for more.</summary>
    public List<(LogLevel Level, string Message, Exception? Exception)> TakeLogged()
    {
        var entries = new List<(LogLevel, string, Exception?)>();
        while (Entries.Reader.TryRead(out var entry))
        {
            entries.Add(entry);
        }

        return entries;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Writer.TryWrite((logLevel, formatter(state, exception), exception));
}
