using Microsoft.Extensions.Options;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Telemetry;

namespace TaskCenter.Server.Overview;

/// <summary>
/// The latest task census, counted again only when older than <see cref="OverviewOptions.CountMaxAge"/> and by one
/// caller at a time: a busy dashboard or a frequent scraper cannot turn into a stream of full counts.
/// </summary>
public sealed class TaskCensusCache : IDisposable
{
    private readonly SemaphoreSlim _counting = new(1, 1);
    private readonly ITaskReader _reader;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly IDisposable _gauges;
    private volatile CensusSnapshot? _latest;

    public TaskCensusCache(ITaskReader reader, TimeProvider time, IOptions<OverviewOptions> options)
    {
        _reader = reader;
        _time = time;
        _maxAge = options.Value.CountMaxAge;
        _gauges = CensusMetrics.Observe(this, () => _latest?.Census);
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

            var snapshot = new CensusSnapshot(await _reader.CountAsync(cancellationToken), _time.GetUtcNow());
            _latest = snapshot;
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
        _latest is { } latest && _time.GetUtcNow() - latest.CountedAt <= _maxAge ? latest : null;
}
