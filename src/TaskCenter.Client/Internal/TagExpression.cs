namespace TaskCenter.Client.Internal;

/// <summary>A parsed tag expression: <c>*</c> (every name) or tags joined by <c>||</c>, e.g. <c>tag1 || tag2</c>.</summary>
internal sealed class TagExpression
{
    private TagExpression(bool matchesAll, IReadOnlyList<string> tags)
    {
        MatchesAll = matchesAll;
        Tags = tags;
    }

    /// <summary>Whether the expression is (or contains) <c>*</c>.</summary>
    public bool MatchesAll { get; }

    /// <summary>The distinct tags, in order; empty when <see cref="MatchesAll"/>.</summary>
    public IReadOnlyList<string> Tags { get; }

    public static TagExpression Parse(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var parts = expression.Split("||", StringSplitOptions.TrimEntries);
        var tags = new List<string>();
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                throw new ArgumentException($"The tag expression '{expression}' has an empty tag.", nameof(expression));
            }

            if (part == "*")
            {
                return new TagExpression(matchesAll: true, []);
            }

            if (!tags.Contains(part, StringComparer.Ordinal))
            {
                tags.Add(part);
            }
        }

        return new TagExpression(matchesAll: false, tags);
    }
}
