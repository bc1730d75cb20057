using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Postgres.Notifications;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>A running notification listener of one storage instance, recording what it passes on, for tests to await.</summary>
internal sealed class ListenerProbe : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly Channel<bool> _messagesReady = Channel.CreateUnbounded<bool>();
    private readonly Channel<DateTimeOffset> _scheduled = Channel.CreateUnbounded<DateTimeOffset>();
    private readonly Channel<bool> _listening = Channel.CreateUnbounded<bool>();
    private readonly PostgresNotificationListener _listener;

    private ListenerProbe(StoragePorts storage)
    {
        var initialized = new StorageReadiness(); // the tests initialize their storage before they listen
        initialized.Ready();
        _listener = new PostgresNotificationListener(
            storage.Database(),
            initialized,
            () => _messagesReady.Writer.TryWrite(true),
            at => _scheduled.Writer.TryWrite(at),
            NullLogger.Instance);
        _listener.Listening += () => _listening.Writer.TryWrite(true);
    }

    /// <summary>Starts listening for <paramref name="storage"/> and returns once LISTEN is in place.</summary>
    public static async Task<ListenerProbe> StartAsync(StoragePorts storage)
    {
        var probe = new ListenerProbe(storage);
        await probe._listener.StartAsync(CancellationToken.None);
        await probe.ListeningAsync();
        return probe;
    }

    /// <summary>Completes at the next time LISTEN is in place (the first connection, or a reconnect).</summary>
    public Task ListeningAsync() => _listening.Reader.ReadAsync().AsTask().WaitAsync(Guard);

    /// <summary>Completes when the listener next says queue messages became ready.</summary>
    public Task MessagesReadyAsync() => _messagesReady.Reader.ReadAsync().AsTask().WaitAsync(Guard);

    /// <summary>The next fire time the listener passed to the engine.</summary>
    public Task<DateTimeOffset> ScheduledAsync() => _scheduled.Reader.ReadAsync().AsTask().WaitAsync(Guard);

    public async ValueTask DisposeAsync()
    {
        await _listener.StopAsync(CancellationToken.None);
        _listener.Dispose();
    }
}
