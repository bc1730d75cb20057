namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>
/// Index ranges of the jobs a scenario schedules besides the measured ones (0..N−1), far apart so they never mix
/// in the fire log.
/// </summary>
public static class JobIndices
{
    /// <summary>S5's start-up probe: due when the pending tasks are loaded, so it is the first fire after start.</summary>
    public const int Probe = 99_999_999;

    /// <summary>S5's pending tasks (far ahead; they never fire during a run).</summary>
    public const int PendingBase = 100_000_000;

    /// <summary>The one-shots that warm a fresh process up before a scenario (<see cref="Systems.ProcessWarmUp"/>).</summary>
    public const int WarmUpBase = 1_000_000_000;

    /// <summary>The tasks that measure a system's add rate before a scenario picks its due time (far ahead too).</summary>
    public const int CalibrationBase = 2_000_000_000;
}
