using Microsoft.Extensions.Options;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Telemetry;

namespace TaskCenter.Server.Overview;

/// <summary>
/// The latest task census, counted again only when older than <see cref="OverviewOptions.CountMaxAge"/> and by one
/// caller at a time: a busy dashboard or a frequent scraper cannot turn into a stream of full counts. A count that took
/// long (millions of tasks) is reused for ten times as long, so counting never takes more than a tenth of the time.
/// </summary>
public sealed class TaskCensusCache : IDisposable
{
    /// <summary>A count is reused for at least this many times as long as it took.</summary>
    private const int MinIdlePerCount = 10;

    private readonly SemaphoreSlim _counting = new(1, 1);
    private readonly ITaskReader _reader;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly IDisposable _gauges;
    private volatile Counted? _latest;

    public TaskCensusCache(ITaskReader reader, TimeProvider time, IOptions<OverviewOptions> options)
    {
        _reader = reader;
        _time = time;
        _maxAge = options.Value.CountMaxAge;
        _gauges = CensusMetrics.Observe(this, () => _latest?.Snapshot.Census);
    }

    public async Task<CensusSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } latest)
        {
            return latest;
        }

        await _counting.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } counted)
            {
                return counted; // Another caller counted while this one waited.
            }

            var started = _time.GetTimestamp();
            var census = await _reader.CountAsync(cancellationToken);
            var took = _time.GetElapsedTime(started);
            var snapshot = new CensusSnapshot(census, _time.GetUtcNow());
            _latest = new Counted(snapshot, took * MinIdlePerCount > _maxAge ? took * MinIdlePerCount : _maxAge);
            return snapshot;
        }
        finally
        {
            _counting.Release();
        }
    }

    public void Dispose()
    {
        _gauges.Dispose();
        _counting.Dispose();
    }

    private CensusSnapshot? Fresh() =>
        _latest is { } latest && _time.GetUtcNow() - latest.Snapshot.CountedAt <= latest.ReuseFor ? latest.Snapshot : null;

    /// <summary>A census and how long it may be reused.</summary>
    private sealed record Counted(CensusSnapshot Snapshot, TimeSpan ReuseFor);
}
