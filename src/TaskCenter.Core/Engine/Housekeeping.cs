using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Push;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.Core.Engine;

/// <summary>
/// Purges finished tasks past their retention and expired queue entries, and says so in the log; from the moment the
/// storage is ready.
/// </summary>
public sealed class Housekeeping(
    ITaskStore tasks,
    IFireLedger ledger,
    IPushGroupStore pushGroups,
    StorageReadiness readiness,
    TimeProvider time,
    IOptions<EngineOptions> options,
    IOptions<QueueOptions> queue,
    ILogger<Housekeeping> logger) : BackgroundService
{
    private readonly EngineOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReadyAsync(stoppingToken);
        await PeriodicLoop.RunAsync(_options.HousekeepingInterval, time, RunLoggedAsync, stoppingToken);
    }

    private async Task RunLoggedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken);
        }
        catch (StorageUnavailableException e)
        {
            logger.LogWarning("Housekeeping skipped: {Error}; trying again in {Interval}", e.Message, _options.HousekeepingInterval);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Housekeeping failed; trying again in {Interval}", _options.HousekeepingInterval);
        }
    }

    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var purged = await tasks.PurgeFinishedAsync(now - _options.FinishedRetention, cancellationToken);
        if (purged > 0)
        {
            logger.LogInformation("Purged {Count} tasks finished more than {Retention} ago", purged, _options.FinishedRetention);
        }

        // Push attempts go with the fire history they belong to.
        await pushGroups.PurgeAttemptsAsync(queue.Value.HistoryKeptSince(now), cancellationToken);
        var dropped = await ledger.PurgeExpiredAsync(now, cancellationToken);
        if (dropped > 0)
        {
            logger.LogWarning("Dropped {Count} fires kept past their retention for tags no consumer group subscribed to", dropped);
        }
    }
}
