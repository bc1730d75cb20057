using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Harness;

/// <summary>
/// One fresh instance of a system with its own fire log, for one scenario variant: created, (optionally preloaded,)
/// started on an empty store, then stopped and disposed — disposal never throws, it reports.
/// </summary>
public sealed class SystemSession : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private readonly TextWriter _progress;
    private bool _started;

    private SystemSession(ISystemUnderTest system, TextWriter progress)
    {
        System = system;
        _progress = progress;
    }

    public ISystemUnderTest System { get; }

    public FireLog Log { get; } = new();

    /// <summary>A new, not yet started instance of <paramref name="entry"/>.</summary>
    public static SystemSession Create(SystemEntry entry, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new SystemSession(entry.Create(), progress);
    }

    /// <summary>A new instance of <paramref name="entry"/>, started.</summary>
    public static async Task<SystemSession> StartAsync(SystemEntry entry, TextWriter progress, CancellationToken cancellationToken)
    {
        var session = Create(entry, progress);
        try
        {
            await session.StartAsync(cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _started = true;
        await System.StartAsync(Log, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_started)
            {
                using var timeout = new CancellationTokenSource(StopTimeout);
                await System.StopAsync(timeout.Token);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            await _progress.WriteLineAsync($"  ({System.Name}: stop failed: {exception.Message})");
        }

        try
        {
            await System.DisposeAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            await _progress.WriteLineAsync($"  ({System.Name}: dispose failed: {exception.Message})");
        }
    }
}
