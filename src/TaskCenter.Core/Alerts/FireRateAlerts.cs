using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Storage;

namespace TaskCenter.Core.Alerts;

/// <summary>
/// Counts fires per name and in total for the current minute (the seed's per-minute counters), logs a warning
/// the first time a count passes its threshold within a minute, and serves the counts to the stat endpoint.
/// The warnings carry the original's markers, #NAME_TO_MANY_TASK and #TOTAL_TO_MANY_TASK, for existing log alerts.
/// </summary>
public sealed class FireRateAlerts(TimeProvider time, IOptions<AlertOptions> options, ILogger<FireRateAlerts> logger) : IFireListener
{
    public const string TotalKey = "total";

    private readonly Lock _gate = new();
    private readonly AlertOptions _options = options.Value;
    private Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _alerted = new(StringComparer.Ordinal);
    private long _minute = long.MinValue;

    public void OnFired(IReadOnlyList<FireRecord> fires)
    {
        if (fires.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            RollOver();
            foreach (var fire in fires)
            {
                var count = _counts[fire.Name] = _counts.GetValueOrDefault(fire.Name) + 1;
                if (_options.NameAlertCount > 0 && count > _options.NameAlertCount && _alerted.Add(fire.Name))
                {
                    logger.LogWarning("#NAME_TO_MANY_TASK {Name} fired {Count} times this minute (alert above {Limit})", fire.Name, count, _options.NameAlertCount);
                }
            }

            var total = _counts[TotalKey] = _counts.GetValueOrDefault(TotalKey) + fires.Count;
            if (_options.TotalAlertCount > 0 && total > _options.TotalAlertCount && _alerted.Add("\0total"))
            {
                logger.LogWarning("#TOTAL_TO_MANY_TASK {Count} fires this minute (alert above {Limit})", total, _options.TotalAlertCount);
            }
        }
    }

    /// <summary>The current minute's counts per name, plus "total".</summary>
    public IReadOnlyDictionary<string, long> CurrentMinute()
    {
        lock (_gate)
        {
            RollOver();
            var snapshot = new Dictionary<string, long>(_counts, StringComparer.Ordinal);
            snapshot.TryAdd(TotalKey, 0);
            return snapshot;
        }
    }

    private void RollOver()
    {
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        if (minute != _minute)
        {
            _minute = minute;
            _counts = new Dictionary<string, long>(StringComparer.Ordinal);
            _alerted.Clear();
        }
    }
}
