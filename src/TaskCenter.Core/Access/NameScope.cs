using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Access;

/// <summary>
/// The names an API key may use — of tasks, or of consumer groups: every name, or those matched by one of its
/// <see cref="NamePattern"/>s. Held in a normal form: no pattern covered by another, in name order (the order of
/// code points, which is how both stores sort names), so each pattern is one range of a name index and the ranges
/// follow each other without overlap (<see cref="NameOrder"/>).
/// </summary>
public sealed class NameScope
{
    private NameScope(IReadOnlyList<NamePattern> patterns) => Patterns = patterns;

    /// <summary>Every name: a key without scopes.</summary>
    public static NameScope Everything { get; } = new([NamePattern.Everything]);

    /// <summary>The patterns, normalized (none covers another), in name order.</summary>
    public IReadOnlyList<NamePattern> Patterns { get; }

    public bool IsEverything => Patterns is [{ MatchesEverything: true }];

    public static NameScope Of(IEnumerable<NamePattern> patterns)
    {
        var all = patterns.Distinct().ToList();
        var kept = all.Where(p => !all.Any(other => other != p && other.Covers(p))).ToList();
        kept.Sort((a, b) => NameOrder.Compare(a.Value, b.Value));
        return new NameScope(kept);
    }

    public bool Matches(string name) => Patterns.Any(p => p.Matches(name));

    /// <summary>Whether every name <paramref name="pattern"/> matches is within the scope.</summary>
    public bool Covers(NamePattern pattern) => Patterns.Any(p => p.Covers(pattern));

    /// <summary>The parts of the scope that <paramref name="filter"/> also matches, in name order: what a listing walks.</summary>
    public IReadOnlyList<NamePattern> Within(NamePattern filter) =>
        [.. Patterns.Select(p => p.Intersect(filter)).OfType<NamePattern>()];

    /// <summary>The patterns as configured, e.g. <c>billing.*, reports.daily</c>.</summary>
    public override string ToString() => string.Join(", ", Patterns);
}
