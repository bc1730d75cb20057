using TaskCenter.Benchmarks.Peers;
using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Harness;

/// <summary>
/// Every system the harness knows, in the order they run and appear in the tables. Adding a system is one line.
/// Peers live in bench/TaskCenter.Benchmarks/Peers; give slow ones caps (see <see cref="SystemLimits"/>).
/// </summary>
public static class SystemRegistry
{
    /// <summary>
    /// TaskCenter on PostgreSQL: S5 up to 1 M pending. Its bulk load of 1 M takes 10–25 s on 2 cores; 10 M would take
    /// minutes and gigabytes more per system, for each of the PostgreSQL systems of a full run.
    /// </summary>
    private static readonly SystemLimits OnPostgres = new() { MaxPending = 1_000_000 };

    public static IReadOnlyList<SystemEntry> All { get; } =
    [
        new("taskcenter-inproc", () => new TaskCenterInProcess(), SystemLimits.None, IsTaskCenter: true),
        new("taskcenter-e2e", () => new TaskCenterEndToEnd(), SystemLimits.None, IsTaskCenter: true),

        // The same server pushing each fire to a receiver in the harness (a push group) instead of the SDK consumer pulling it.
        new("taskcenter-push", () => new TaskCenterEndToEnd(delivery: new PushDelivery()), SystemLimits.None, IsTaskCenter: true),
        new("taskcenter-inproc-postgres", () => new TaskCenterInProcess(onPostgres: true), OnPostgres, IsTaskCenter: true),
        new("taskcenter-e2e-postgres", () => new TaskCenterEndToEnd(onPostgres: true), OnPostgres, IsTaskCenter: true),

        // Several instances: 3 server processes on one PostgreSQL database (on 2 cores, the cost of coordination).
        new("taskcenter-e2e-postgres-3", () => new TaskCenterEndToEnd(onPostgres: true, instances: 3), OnPostgres, IsTaskCenter: true),

        // Routing with many subscriptions: 1,000 other groups of 256 tags each, beside the jobs' group.
        new("taskcenter-inproc-groups", () => new TaskCenterInProcess(idleGroups: 1000), new SystemLimits { MaxPending = 0 }, IsTaskCenter: true, NamedOnly: true),
        new("taskcenter-inproc-postgres-groups", () => new TaskCenterInProcess(onPostgres: true, idleGroups: 1000), new SystemLimits { MaxPending = 0 }, IsTaskCenter: true, NamedOnly: true),

        // The peers, one line each with their caps, in bench/TaskCenter.Benchmarks/Peers/PeerSystems.cs.
        .. PeerSystems.All,
    ];

    /// <summary>
    /// Systems --quick leaves out unless --systems names them: their lateness is their polling interval (15 s), and
    /// they alone would take the quick run past 5 minutes.
    /// </summary>
    public static IReadOnlyList<string> NotInQuick { get; } = ["hangfire-postgres-default"];

    /// <summary>The systems a run uses: those of the filter, or, without one, all (less <see cref="NotInQuick"/> in quick mode).</summary>
    public static IReadOnlyList<SystemEntry> Select(IReadOnlyList<string> filter, bool quick)
    {
        var selected = Select(filter);
        return filter.Count == 0 && quick ? [.. selected.Where(e => !NotInQuick.Contains(e.Key))] : selected;
    }

    /// <summary>
    /// The systems named in <paramref name="filter"/> (keys, comma-separated; "prefix*" matches by prefix, but never a
    /// <see cref="SystemEntry.NamedOnly"/> one), in registry order; all but those when the filter is empty. Throws for a
    /// name that matches nothing.
    /// </summary>
    public static IReadOnlyList<SystemEntry> Select(IReadOnlyList<string> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Count == 0)
        {
            return [.. All.Where(entry => !entry.NamedOnly)];
        }

        foreach (var name in filter)
        {
            if (!All.Any(entry => Matches(entry, name)))
            {
                throw new ArgumentException($"Unknown system '{name}'. Known: {string.Join(", ", All.Select(e => e.Key))}.");
            }
        }

        return [.. All.Where(entry => filter.Any(name => Matches(entry, name)))];
    }

    private static bool Matches(SystemEntry entry, string name) =>
        name.EndsWith('*')
            ? !entry.NamedOnly && entry.Key.StartsWith(name[..^1], StringComparison.OrdinalIgnoreCase)
            : entry.Key.Equals(name, StringComparison.OrdinalIgnoreCase);
}
