using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Stats;

/// <summary>
/// Compares the fires a system logged with the fires a scenario expected: which were seen, missed, doubled or off
/// schedule, and the lateness of each expected fire (its first start).
/// </summary>
public sealed class FireAudit
{
    /// <summary>A logged scheduled time less than this from an expected one is that fire.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(500);

    private FireAudit()
    {
    }

    public long Expected { get; private init; }

    /// <summary>Distinct expected fires seen.</summary>
    public long Seen { get; private init; }

    public long Missed => Expected - Seen;

    /// <summary>Starts beyond the first of the same fire (a one-shot job started twice, or a recurring fire repeated).</summary>
    public long Doubled { get; private init; }

    /// <summary>Starts of an expected job at a scheduled time that is not one of its fire times.</summary>
    public long OffSchedule { get; private init; }

    /// <summary>Jobs whose fires differ from the expected ones: one missing, doubled or off schedule.</summary>
    public long JobsOff { get; private init; }

    /// <summary>Lateness of each seen fire (first start) in ms, ascending.</summary>
    public IReadOnlyList<double> LatenessMs { get; private init; } = [];

    public DateTimeOffset? FirstStart { get; private init; }

    public DateTimeOffset? LastStart { get; private init; }

    public bool Complete => Seen >= Expected;

    public static FireAudit Of(IReadOnlyList<Fire> fires, ExpectedFires expected)
    {
        ArgumentNullException.ThrowIfNull(fires);
        ArgumentNullException.ThrowIfNull(expected);
        var seen = new bool[expected.Total];
        var jobFires = new int[expected.Jobs];
        var jobFaults = new bool[expected.Jobs];
        var lateness = new List<double>(Math.Min(fires.Count, (int)Math.Min(expected.Total, int.MaxValue)));
        long distinct = 0, doubled = 0, offSchedule = 0;
        DateTimeOffset? first = null, last = null;
        foreach (var fire in fires)
        {
            if (fire.Index < 0 || fire.Index >= expected.Jobs)
            {
                continue;
            }

            var slot = SlotOf(fire, expected);
            if (slot < 0)
            {
                offSchedule++;
                jobFaults[fire.Index] = true;
                continue;
            }

            var cell = ((long)fire.Index * expected.FiresPerJob) + slot;
            if (seen[cell])
            {
                doubled++;
                jobFaults[fire.Index] = true;
                continue;
            }

            seen[cell] = true;
            distinct++;
            jobFires[fire.Index]++;
            lateness.Add(fire.Lateness.TotalMilliseconds);
            first = first is { } f && f <= fire.StartedAt ? f : fire.StartedAt;
            last = last is { } l && l >= fire.StartedAt ? l : fire.StartedAt;
        }

        lateness.Sort();
        long jobsOff = 0;
        for (var job = 0; job < expected.Jobs; job++)
        {
            if (jobFaults[job] || jobFires[job] != expected.FiresPerJob)
            {
                jobsOff++;
            }
        }

        return new FireAudit
        {
            Expected = expected.Total,
            Seen = distinct,
            Doubled = doubled,
            OffSchedule = offSchedule,
            JobsOff = jobsOff,
            LatenessMs = lateness,
            FirstStart = first,
            LastStart = last,
        };
    }

    /// <summary>Which of its job's fires this is (0-based), or −1 when it matches none.</summary>
    private static int SlotOf(Fire fire, ExpectedFires expected)
    {
        // A one-shot has one fire: a second start of it is a double, whatever time it claims.
        if (expected.FiresPerJob == 1)
        {
            return 0;
        }

        var offset = fire.ScheduledAt - expected.DueOf(fire.Index);
        var slot = (int)Math.Round(offset / expected.Interval);
        var error = offset - (expected.Interval * slot);
        return slot >= 0 && slot < expected.FiresPerJob && error.Duration() < Tolerance ? slot : -1;
    }
}
