namespace TaskCenter.Benchmarks.Harness;

/// <summary>
/// What a system is asked to take, so that slow systems finish in the mode's time: a scenario uses
/// min(the mode's N, <see cref="MaxTasks"/>), and S5 skips pending counts above <see cref="MaxPending"/>.
/// </summary>
public sealed record SystemLimits
{
    /// <summary>No caps: the mode's N everywhere, every S5 size.</summary>
    public static SystemLimits None { get; } = new();

    /// <summary>Most jobs in S1–S4 (S1 also stops at its time budget).</summary>
    public int MaxTasks { get; init; } = int.MaxValue;

    /// <summary>Most pending tasks in S5; larger sizes are skipped for this system.</summary>
    public int MaxPending { get; init; } = int.MaxValue;

    /// <summary>How long after its scheduled time a fire may still come before it counts as missed (e.g. a polling interval and more).</summary>
    public TimeSpan FireDeadline { get; init; } = TimeSpan.FromSeconds(60);
}
