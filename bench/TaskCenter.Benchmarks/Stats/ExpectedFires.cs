namespace TaskCenter.Benchmarks.Stats;

/// <summary>
/// Which fires a scenario expects: jobs 0..<see cref="Jobs"/>−1, each <see cref="FiresPerJob"/> times, the k-th at
/// <c>DueOf(job) + k · Interval</c>. Fires of other job indices (set-up tasks, probes) are not counted.
/// </summary>
public sealed record ExpectedFires(int Jobs, int FiresPerJob, Func<int, DateTimeOffset> DueOf, TimeSpan Interval)
{
    public long Total => (long)Jobs * FiresPerJob;

    /// <summary>One-shot jobs, job i due at <paramref name="dueOf"/>(i).</summary>
    public static ExpectedFires OneShots(int jobs, Func<int, DateTimeOffset> dueOf) => new(jobs, 1, dueOf, TimeSpan.Zero);

    /// <summary>Recurring jobs, all starting at <paramref name="firstAt"/>.</summary>
    public static ExpectedFires Recurring(int jobs, DateTimeOffset firstAt, TimeSpan interval, int fires) =>
        new(jobs, fires, _ => firstAt, interval);

    /// <summary>The last scheduled time of any expected fire.</summary>
    public DateTimeOffset LastDue(int sampleJob = 0) => DueOf(sampleJob) + (Interval * (FiresPerJob - 1));
}
