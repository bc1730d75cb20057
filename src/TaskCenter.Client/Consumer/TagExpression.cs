namespace TaskCenter.Client.Consumer;

/// <summary>
/// A parsed tag expression: <c>*</c> (every name), or patterns joined by <c>||</c>, each a tag or a prefix ending in
/// <c>*</c>, e.g. <c>invoice || billing.*</c> (task names never hold <c>*</c>).
/// </summary>
internal sealed class TagExpression
{
    private TagExpression(bool matchesAll, IReadOnlyList<string> tags)
    {
        MatchesAll = matchesAll;
        Tags = tags;
    }

    /// <summary>Whether the expression is (or contains) <c>*</c>.</summary>
    public bool MatchesAll { get; }

    /// <summary>The distinct tags and prefix patterns (<c>billing.*</c>), in order; empty when <see cref="MatchesAll"/>.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Whether <paramref name="pattern"/> is a prefix pattern: it ends in <c>*</c> and matches the names starting with the rest.</summary>
    public static bool IsPrefix(string pattern) => pattern.EndsWith('*');

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

            if (part.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star != part.Length - 1)
            {
                throw new ArgumentException(
                    $"The tag expression '{expression}' has '{part}': '*' may only end a prefix, as in 'billing.*'.", nameof(expression));
            }

            if (!tags.Contains(part, StringComparer.Ordinal))
            {
                tags.Add(part);
            }
        }

        return new TagExpression(matchesAll: false, tags);
    }
}
