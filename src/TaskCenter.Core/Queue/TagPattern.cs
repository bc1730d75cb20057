using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Queue;

/// <summary>
/// One name pattern: an exact task name (<c>invoice</c>), or a prefix ending in <c>*</c> (<c>billing.*</c>: every name
/// that starts with <c>billing.</c>; <c>*</c> alone: every name). Task names never contain <c>*</c>, so the two kinds
/// cannot be confused.
/// </summary>
public sealed record TagPattern
{
    /// <summary>
    /// The last code point: in code point order (UTF-8 byte order) it sorts after every character a task name may hold
    /// (names are letters, digits and <c>_ - . :</c>; U+10FFFF is none of them).
    /// </summary>
    private const string AfterEveryNameCharacter = "\U0010FFFF";

    private TagPattern(string prefixOrName, bool isPrefix)
    {
        Value = prefixOrName;
        IsPrefix = isPrefix;
    }

    /// <summary>The pattern that matches every name.</summary>
    public static TagPattern Everything { get; } = new("", isPrefix: true);

    /// <summary>The exact name, or the prefix (without its <c>*</c>; empty for <see cref="Everything"/>).</summary>
    public string Value { get; }

    /// <summary>Whether this is a prefix pattern (written with a trailing <c>*</c>).</summary>
    public bool IsPrefix { get; }

    /// <summary>Whether this is <c>*</c>.</summary>
    public bool MatchesEverything => IsPrefix && Value.Length == 0;

    /// <summary>
    /// The range of names this pattern matches, both ends included, in UTF-8 byte order — the order in which SQLite and
    /// PostgreSQL's "C" collation compare names (not .NET's ordinal UTF-16 order): a name matches exactly when
    /// <c>First &lt;= name &lt;= Last</c> there, so a store finds them with one range scan of a name index.
    /// </summary>
    public string First => Value;

    /// <inheritdoc cref="First"/>
    public string Last => IsPrefix ? Value + AfterEveryNameCharacter : Value;

    /// <summary>An exact name (assumed valid: see <see cref="TaskName.Check"/>).</summary>
    public static TagPattern Exact(string name) => new(name, isPrefix: false);

    /// <summary>Whether the task name matches this pattern.</summary>
    public bool Matches(string name) =>
        IsPrefix ? name.StartsWith(Value, StringComparison.Ordinal) : string.Equals(name, Value, StringComparison.Ordinal);

    /// <summary>
    /// Whether every name <paramref name="other"/> matches is matched by this pattern too: an exact pattern covers the
    /// same name; a prefix <c>p*</c> covers a name starting with p and a prefix <c>q*</c> whose q starts with p.
    /// </summary>
    public bool Covers(TagPattern other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return IsPrefix ? other.Value.StartsWith(Value, StringComparison.Ordinal) : !other.IsPrefix && other.Value == Value;
    }

    /// <summary>Parses one pattern (already trimmed); on failure returns false and says why.</summary>
    public static bool TryParse(string text, out TagPattern pattern, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        pattern = Everything;
        error = "";
        if (text == "*")
        {
            return true;
        }

        var isPrefix = text.EndsWith('*');
        var value = isPrefix ? text[..^1] : text;
        if (value.Contains('*', StringComparison.Ordinal))
        {
            error = $"pattern '{text}' may hold '*' only at its end (a prefix, as in 'billing.*')";
            return false;
        }

        if (TaskName.Check(value) is { } problem)
        {
            error = text.Length == 0
                ? "has an empty tag; join tags with \"||\", as in \"tag1 || tag2\""
                : isPrefix
                    ? $"pattern '{text}' is not a task name prefix: it {problem}"
                    : $"tag '{text}' is not a valid task name: it {problem}";
            return false;
        }

        pattern = new TagPattern(value, isPrefix);
        return true;
    }

    /// <summary>As written: the name, or the prefix followed by <c>*</c>.</summary>
    public override string ToString() => IsPrefix ? Value + "*" : Value;
}
