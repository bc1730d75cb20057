namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>The scenarios, in the order they run.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
        [new S1ScheduleRate(), new S2Burst(), new S3Spread(), new S4Recurring(), new S5Scale(), new S6NoisyNeighbour()];

    /// <summary>The scenarios with these ids (all when empty), in catalog order; throws for an unknown id.</summary>
    public static IReadOnlyList<IScenario> Select(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var unknown = ids.Where(id => !All.Any(s => s.Id.Equals(id, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown scenario(s) {string.Join(", ", unknown)}. Known: {string.Join(", ", All.Select(s => s.Id))}.");
        }

        return ids.Count == 0 ? All : [.. All.Where(s => ids.Contains(s.Id, StringComparer.OrdinalIgnoreCase))];
    }
}
