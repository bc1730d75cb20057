using System.Globalization;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// How the TaskCenter adapters carry a job's index: as the task's data (unique per job, so the add dedupe never
/// merges two jobs), under one task name.
/// </summary>
public static class JobPayload
{
    /// <summary>The task name (routing tag) of every benchmark job.</summary>
    public const string TaskName = "bench";

    /// <summary>The consumer group that receives them.</summary>
    public const string Group = "bench";

    public static string Data(int index) => index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The index in <paramref name="data"/>; false for data the harness did not write (e.g. wrk's adds).</summary>
    public static bool TryParse(string data, out int index) =>
        int.TryParse(data, NumberStyles.None, CultureInfo.InvariantCulture, out index);

    /// <summary>Records the fire of the job whose data is <paramref name="data"/>; nothing for data the harness did not write.</summary>
    public static void Record(FireLog log, string data, DateTimeOffset scheduledAt)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (TryParse(data, out var index))
        {
            log.Record(index, scheduledAt);
        }
    }
}
