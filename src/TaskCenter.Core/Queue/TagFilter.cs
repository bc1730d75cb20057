using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Queue;

/// <summary>
/// A subscription expression in the style of RocketMQ's tag filters: <c>"*"</c> for every tag, or tags joined by
/// <c>||</c> (<c>"tag1 || tag2"</c>). Whitespace around tags is ignored.
/// </summary>
public sealed class TagFilter
{
    private readonly HashSet<string>? _tags;

    private TagFilter(HashSet<string>? tags) => _tags = tags;

    /// <summary>The filter that matches every tag.</summary>
    public static TagFilter All { get; } = new(null);

    public bool MatchesAll => _tags is null;

    /// <summary>The tags matched, sorted; empty for <see cref="All"/>.</summary>
    public IReadOnlyList<string> Tags => _tags is null ? [] : [.. _tags.Order(StringComparer.Ordinal)];

    public bool Matches(string tag) => _tags is null || _tags.Contains(tag);

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

        if (expression.Trim() == "*")
        {
            return true;
        }

        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in expression.Split("||"))
        {
            var tag = part.Trim();
            if (TaskName.Check(tag) is { } problem)
            {
                error = tag.Length == 0
                    ? "has an empty tag; join tags with \"||\", as in \"tag1 || tag2\""
                    : $"tag '{tag}' is not a valid task name: it {problem}";
                return false;
            }

            tags.Add(tag);
        }

        filter = new TagFilter(tags);
        return true;
    }

    /// <summary>The canonical form: "*" or the sorted tags joined by " || ".</summary>
    public override string ToString() => _tags is null ? "*" : string.Join(" || ", Tags);
}
