using Microsoft.Extensions.Options;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Push;

namespace TaskCenter.Server.Push;

/// <summary>
/// The push groups as this server instance knows them, read from storage: at the first question, after each change
/// made through this instance, and every <see cref="RefreshInterval"/> (for changes made through another instance).
/// A group whose settings are unchanged keeps its <see cref="PushTarget"/>, and so its circuit's state.
/// </summary>
internal sealed class PushGroupRegistry : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private readonly IPushGroupStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _circuitBreak;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly IDisposable _metrics;
    private volatile Dictionary<string, PushTarget>? _targets;

    public PushGroupRegistry(IPushGroupStore store, TimeProvider time, IOptions<PushOptions> options)
    {
        _store = store;
        _time = time;
        _circuitBreak = options.Value.CircuitBreak;
        Changed = new AsyncSignal(time);
        _metrics = PushMetrics.Observe(this, () => _targets?.Values ?? Enumerable.Empty<PushTarget>());
    }

    /// <summary>Set whenever the known push groups change.</summary>
    public AsyncSignal Changed { get; }

    /// <summary>The push groups as last read (none before the first read).</summary>
    public IReadOnlyCollection<PushTarget> Targets => _targets?.Values ?? (IReadOnlyCollection<PushTarget>)[];

    /// <summary>The push group of that name as this instance knows it, reading storage first if it never did; null for a pull group.</summary>
    public async ValueTask<PushTarget?> FindAsync(string group, CancellationToken cancellationToken)
    {
        var targets = _targets ?? await RefreshAsync(cancellationToken);
        return targets.GetValueOrDefault(group);
    }

    /// <summary>The push groups as this instance knows them, reading storage first if it never did.</summary>
    public async ValueTask<IEnumerable<PushTarget>> ListAsync(CancellationToken cancellationToken) =>
        (_targets ?? await RefreshAsync(cancellationToken)).Values;

    /// <summary>Reads the push groups from storage now.</summary>
    public async Task<IReadOnlyDictionary<string, PushTarget>> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var stored = await _store.ListAsync(cancellationToken);
            var known = _targets ?? [];
            var targets = stored.ToDictionary(
                group => group.Name,
                group => known.TryGetValue(group.Name, out var target) && target.Matches(group) ? target : new PushTarget(group, _time, _circuitBreak),
                StringComparer.Ordinal);
            var changed = _targets is null || targets.Count != known.Count || targets.Any(pair => !ReferenceEquals(known.GetValueOrDefault(pair.Key), pair.Value));
            _targets = targets;
            if (changed)
            {
                Changed.Set();
            }

            return targets;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _refreshing.Dispose();
    }
}
