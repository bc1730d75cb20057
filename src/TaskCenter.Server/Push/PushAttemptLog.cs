using System.Threading.Channels;
using TaskCenter.Core.Push;
using TaskCenter.Core.Storage;

namespace TaskCenter.Server.Push;

/// <summary>
/// Writes push attempts to storage for the fire history, in batches, off the pushing path. Holds at most
/// <see cref="Capacity"/> attempts waiting; past that (storage far behind) an attempt is not recorded, and the log says
/// how many were not, once per batch — the message itself is acked or nacked as always.
/// </summary>
internal sealed class PushAttemptLog(IPushGroupStore store, StorageReadiness readiness, ILogger<PushAttemptLog> logger) : BackgroundService
{
    public const int Capacity = 100_000;
    private const int MaxBatch = 1000;

    private readonly Channel<PushAttempt> _waiting = Channel.CreateBounded<PushAttempt>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _dropped;

    public void Record(PushAttempt attempt)
    {
        if (!_waiting.Writer.TryWrite(attempt))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReadyAsync(stoppingToken);
        var batch = new List<PushAttempt>(MaxBatch);
        while (await _waiting.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && _waiting.Reader.TryRead(out var attempt))
            {
                batch.Add(attempt);
            }

            try
            {
                await store.RecordAttemptsAsync(batch, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("{Count} push attempts not recorded in the fire history: {Error}", batch.Count, e.Message);
            }

            batch.Clear();
            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
            {
                logger.LogWarning("{Count} push attempts not recorded in the fire history: more than {Capacity} were waiting for storage", dropped, Capacity);
            }
        }
    }
}
