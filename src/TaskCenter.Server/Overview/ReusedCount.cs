namespace TaskCenter.Server.Overview;

/// <summary>
/// A count of storage that is reused: counted again only when older than its max age, and by one caller at a time, so
/// a busy dashboard or a frequent scraper cannot turn into a stream of full counts. A count that took long (millions of
/// tasks) is reused for ten times as long as it took, so counting never takes more than a tenth of the time — unless the
/// max age is zero, which asks for a count every time.
/// </summary>
public sealed class ReusedCount<T>(Func<CancellationToken, Task<T>> count, TimeProvider time, TimeSpan maxAge) : IDisposable
    where T : class
{
    /// <summary>A count is reused for at least this many times as long as it took.</summary>
    private const int MinIdlePerCount = 10;

    private readonly SemaphoreSlim _counting = new(1, 1);
    private volatile Counted? _latest;

    /// <summary>The latest count, however old; null before the first.</summary>
    public T? Latest => _latest?.Value;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
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

            var started = time.GetTimestamp();
            var value = await count(cancellationToken);
            var took = time.GetElapsedTime(started);
            _latest = new Counted(value, time.GetUtcNow(), ReuseFor(took));
            return value;
        }
        finally
        {
            _counting.Release();
        }
    }

    public void Dispose() => _counting.Dispose();

    /// <summary>The max age, or ten times the count's own time when that is longer; a max age of zero counts every time.</summary>
    private TimeSpan ReuseFor(TimeSpan took) =>
        maxAge == TimeSpan.Zero ? TimeSpan.Zero : took * MinIdlePerCount > maxAge ? took * MinIdlePerCount : maxAge;

    private T? Fresh() => _latest is { } latest && time.GetUtcNow() - latest.CountedAt <= latest.ReuseFor ? latest.Value : null;

    /// <summary>A count, when it was taken and how long it may be reused.</summary>
    private sealed record Counted(T Value, DateTimeOffset CountedAt, TimeSpan ReuseFor);
}
