using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Access;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Telemetry;

namespace TaskCenter.Server.Overview;

/// <summary>
/// The task census for the overview and the gauges, and each scoped key's share of it (its tasks by type and state),
/// each a <see cref="ReusedCount{T}"/> refreshed at most every <see cref="OverviewOptions.CountMaxAge"/>.
/// </summary>
public sealed class TaskCensusCache : IDisposable
{
    private readonly ITaskReader _reader;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly ReusedCount<CensusSnapshot> _census;

    // One entry per distinct scope of the configured keys: bounded by the configuration.
    private readonly ConcurrentDictionary<string, ReusedCount<ScopedTaskCounts>> _scoped = new(StringComparer.Ordinal);
    private readonly IDisposable _gauges;

    public TaskCensusCache(ITaskReader reader, TimeProvider time, IOptions<OverviewOptions> options)
    {
        _reader = reader;
        _time = time;
        _maxAge = options.Value.CountMaxAge;
        _census = new ReusedCount<CensusSnapshot>(
            async ct => new CensusSnapshot(await reader.CountAsync(ct), time.GetUtcNow()), time, _maxAge);
        _gauges = CensusMetrics.Observe(this, () => _census.Latest?.Census);
    }

    public Task<CensusSnapshot> GetAsync(CancellationToken cancellationToken) => _census.GetAsync(cancellationToken);

    /// <summary>The tasks by type and state among the names of <paramref name="scope"/>.</summary>
    public Task<ScopedTaskCounts> GetTaskCountsAsync(NameScope scope, CancellationToken cancellationToken) =>
        _scoped.GetOrAdd(scope.ToString(), _ => new ReusedCount<ScopedTaskCounts>(ct => CountAsync(scope, ct), _time, _maxAge))
            .GetAsync(cancellationToken);

    public void Dispose()
    {
        _gauges.Dispose();
        _census.Dispose();
        foreach (var count in _scoped.Values)
        {
            count.Dispose();
        }
    }

    private async Task<ScopedTaskCounts> CountAsync(NameScope scope, CancellationToken cancellationToken)
    {
        var counts = new List<TaskCount>();
        foreach (var pattern in scope.Patterns)
        {
            counts.AddRange(await _reader.CountTasksAsync(pattern, cancellationToken));
        }

        var summed = counts.GroupBy(c => (c.Type, c.State)).Select(g => new TaskCount(g.Key.Type, g.Key.State, g.Sum(c => c.Count)));
        return new ScopedTaskCounts([.. summed.OrderBy(c => c.Type).ThenBy(c => c.State)], _time.GetUtcNow());
    }
}
