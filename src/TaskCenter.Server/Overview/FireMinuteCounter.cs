using Microsoft.Extensions.Options;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Storage;

namespace TaskCenter.Server.Overview;

/// <summary>
/// Fires this instance recorded, per minute of recording, for the last <see cref="OverviewOptions.FireMinutes"/>
/// minutes: a ring of counters, so memory stays fixed and counting costs one addition per fire.
/// </summary>
public sealed class FireMinuteCounter(TimeProvider time, IOptions<OverviewOptions> options) : IFireListener
{
    private readonly Lock _lock = new();
    private readonly long[] _counts = new long[Math.Max(1, options.Value.FireMinutes)];
    private readonly long[] _minutes = new long[Math.Max(1, options.Value.FireMinutes)];

    public void OnFired(IReadOnlyList<FireRecord> fires)
    {
        ArgumentNullException.ThrowIfNull(fires);
        lock (_lock)
        {
            foreach (var fire in fires)
            {
                var minute = MinuteOf(fire.RecordedAt);
                var slot = (int)(minute % _counts.Length);
                if (_minutes[slot] != minute)
                {
                    _minutes[slot] = minute;
                    _counts[slot] = 0;
                }

                _counts[slot]++;
            }
        }
    }

    /// <summary>The counts of the last minutes up to the current one (zeros where nothing fired).</summary>
    public MinuteCounts Snapshot()
    {
        var last = MinuteOf(time.GetUtcNow());
        var first = last - _counts.Length + 1;
        var counts = new long[_counts.Length];
        lock (_lock)
        {
            for (var minute = first; minute <= last; minute++)
            {
                var slot = (int)(minute % _counts.Length);
                counts[minute - first] = _minutes[slot] == minute ? _counts[slot] : 0;
            }
        }

        return new MinuteCounts(first, counts);
    }

    public static long MinuteOf(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 60_000;
}
