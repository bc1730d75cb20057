using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Harness;

/// <summary>One system the harness can run: its key for --systems, how to make a fresh instance, its caps.</summary>
/// <param name="Key">Lowercase, e.g. "taskcenter-inproc", "quartz-ram".</param>
/// <param name="Create">Makes a new, not yet started instance (one per scenario run).</param>
/// <param name="Limits">Its caps.</param>
/// <param name="IsTaskCenter">TaskCenter's own systems are the numerators of the ratios; the others are peers.</param>
/// <param name="NamedOnly">Runs only when --systems names its whole key (a variant for a question of its own).</param>
/// <param name="Note">What every measured row of the system says (e.g. a durability setting that differs from the others').</param>
public sealed record SystemEntry(
    string Key, Func<ISystemUnderTest> Create, SystemLimits Limits, bool IsTaskCenter = false, bool NamedOnly = false, string Note = "");
