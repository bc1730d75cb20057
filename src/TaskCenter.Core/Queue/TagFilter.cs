using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Queue;

/// <summary>
/// A subscription expression in the style of RocketMQ's tag filters: <c>"*"</c> for every tag, or patterns joined by
/// <c>||</c> (<c>"tag1 || tag2 || billing.*"</c>), each an exact tag or a prefix ending in <c>*</c> (see
/// <see cref="NamePattern"/>). Whitespace around patterns is ignored.
/// </summary>
public sealed class TagFilter
{
    private readonly NamePattern[] _patterns;

    private TagFilter(NamePattern[] patterns)
    {
        _patterns = patterns;
        Expression = patterns.Length == 1 && patterns[0].MatchesEverything ? "*" : string.Join(" || ", patterns.Select(p => p.ToString()));
    }

    /// <summary>The filter that matches every tag.</summary>
    public static TagFilter All { get; } = new([NamePattern.Everything]);

    /// <summary>
    /// The filter that matches no tag, written as the empty expression: the subscription a group is left with when the
    /// one it had stored went over the limits. No consumer can ask for it; the group subscribes again to leave it.
    /// </summary>
    public static TagFilter Nothing { get; } = new([]);

    public bool MatchesAll => ReferenceEquals(this, All) || (_patterns.Length == 1 && _patterns[0].MatchesEverything);

    /// <summary>
    /// The patterns, in canonical order (ordinal, as written), none covering another (<c>a.* || a.b</c> is <c>a.*</c>),
    /// so a tag matches at most one of them. <c>*</c> is the one pattern of <see cref="All"/>; <see cref="Nothing"/> has none.
    /// </summary>
    public IReadOnlyList<NamePattern> Patterns => _patterns;

    /// <summary>The canonical form: "*", or the patterns joined by " || " (empty for <see cref="Nothing"/>).</summary>
    public string Expression { get; }

    public bool Matches(string tag)
    {
        foreach (var pattern in _patterns)
        {
            if (pattern.Matches(tag))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// This filter as a key limited to <paramref name="scope"/> may hold it: <c>*</c> becomes the scope's patterns
    /// (a key scoped to <c>billing.*</c> that subscribes to <c>*</c> gets <c>billing.*</c>); any other filter is
    /// returned as it is (the caller checks that each of its patterns lies within the scope).
    /// </summary>
    public TagFilter NarrowedTo(IReadOnlyList<NamePattern> scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return MatchesAll ? From(scope) : this;
    }

    /// <summary>The filter of these patterns, in canonical form (duplicates and covered patterns dropped).</summary>
    public static TagFilter From(IEnumerable<NamePattern> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);

        // By value, and a prefix before the exact name of the same value: whatever a prefix covers follows it directly.
        var sorted = patterns.OrderBy(p => p.Value, StringComparer.Ordinal).ThenByDescending(p => p.IsPrefix).ToList();
        var kept = new List<NamePattern>(sorted.Count);
        foreach (var pattern in sorted)
        {
            if (kept.Count > 0 && kept[^1].Covers(pattern))
            {
                continue;
            }

            if (pattern.MatchesEverything)
            {
                return All;
            }

            kept.Add(pattern);
        }

        kept.Sort((a, b) => NameOrder.Compare(a.ToString(), b.ToString()));
        return new TagFilter([.. kept]);
    }

    /// <summary>Parses an expression; on failure returns false and says why.</summary>
    public static bool TryParse(string? expression, out TagFilter filter, out string error)
    {
        filter = All;
        error = "";
        if (string.IsNullOrWhiteSpace(expression))
        {
            error = "must not be empty (use \"*\" for every tag)";
            return false;
        }

        var patterns = new List<NamePattern>();
        foreach (var part in expression.Split("||"))
        {
            if (part.Trim().Length == 0)
            {
                error = "has an empty tag; join tags with \"||\", as in \"tag1 || tag2\"";
                return false;
            }

            if (!NamePattern.TryParse(part.Trim(), out var pattern, out error))
            {
                return false;
            }

            patterns.Add(pattern);
        }

        filter = From(patterns);
        return true;
    }

    /// <summary>
    /// A subscription as a store kept it (its <see cref="Expression"/>; empty for <see cref="Nothing"/>). Throws
    /// <see cref="InvalidDataException"/>, naming the group, when it cannot be read.
    /// </summary>
    public static TagFilter ParseStored(string group, string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length == 0)
        {
            return Nothing;
        }

        return TryParse(expression, out var filter, out var error)
            ? filter
            : throw new InvalidDataException($"Consumer group '{group}' has an invalid stored subscription '{expression}': {error}.");
    }

    /// <inheritdoc cref="Expression"/>
    public override string ToString() => Expression;
}
