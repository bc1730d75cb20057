using TaskCenter.Core.Storage;

namespace TaskCenter.Server.Composition;

/// <summary>
/// Creates or migrates the schema, then says the storage is ready (<see cref="StorageReadiness"/>). The first attempt
/// runs before the server listens. While the database cannot be reached (down, starting, refusing the credentials) the
/// server comes up all the same, live but not ready: one warning per outage, a new attempt after a growing pause, and
/// one line once the schema is in place. Any other failure (a SQLite file that cannot be created, a schema newer than
/// this build) is a mistake no wait will mend: it stops the start, or the server when the database answers only later.
/// </summary>
public sealed class StorageInitializer(
    IFireLedger ledger,
    StorageReadiness readiness,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<StorageInitializer> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;
    private long? _waitingSince;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await TryInitializeAsync(cancellationToken))
            {
                _retrying = RetryAsync(_stopping.Token);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while starting: nothing to initialize for.
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RetryAsync(CancellationToken stoppingToken)
    {
        var pause = FirstPause;
        try
        {
            do
            {
                await Task.Delay(pause, time, stoppingToken);
                pause = pause * 2 < MaxPause ? pause * 2 : MaxPause;
            }
            while (!await TryInitializeAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            // The database answered, and refused the schema: waiting does not mend that.
            logger.LogCritical("The storage cannot be initialized: {Error}; the server stops", e.Message.TrimEnd('.', ' '));
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    /// <summary>One attempt: true once ready, false while the database cannot be reached; throws on any other failure.</summary>
    private async Task<bool> TryInitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ledger.InitializeAsync(cancellationToken);
        }
        catch (StorageUnavailableException e)
        {
            readiness.Waiting(e.Message);
            if (_waitingSince is null)
            {
                _waitingSince = time.GetTimestamp();
                logger.LogWarning(
                    "The storage is not ready: {Error}. The server is live but not ready, and tries again until the database answers",
                    e.Message);
            }
            else
            {
                logger.LogDebug("The storage is still not ready: {Error}", e.Message);
            }

            return false;
        }

        readiness.Ready();
        if (_waitingSince is { } since)
        {
            logger.LogInformation("Storage ready: the database answered after {Waited}", time.GetElapsedTime(since));
        }
        else
        {
            logger.LogInformation("Storage ready");
        }

        return true;
    }
}
