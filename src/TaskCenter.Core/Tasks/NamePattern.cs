namespace TaskCenter.Core.Tasks;

/// <summary>
/// A pattern over names — of tasks, of the tags consumer groups subscribe to (which are task names), of consumer
/// groups: an exact name (<c>billing.invoice</c>), or a prefix ending in <c>*</c> (<c>billing.*</c>: every name that
/// starts with <c>billing.</c>; <c>*</c> alone: every name). Names never contain <c>*</c>, so the two kinds cannot be
/// confused.
/// </summary>
public sealed record NamePattern
{
    /// <summary>
    /// The last code point: in code point order (UTF-8 byte order) it sorts after every character a name may hold
    /// (names are letters, digits and <c>_ - . :</c>; U+10FFFF is none of them).
    /// </summary>
    private const string AfterEveryNameCharacter = "\U0010FFFF";

    private NamePattern(string prefixOrName, bool isPrefix)
    {
        Value = prefixOrName;
        IsPrefix = isPrefix;
    }

    /// <summary>The pattern that matches every name: <c>*</c>.</summary>
    public static NamePattern Everything { get; } = new("", isPrefix: true);

    /// <summary>The exact name, or the prefix (without its <c>*</c>; empty for <see cref="Everything"/>).</summary>
    public string Value { get; }

    /// <summary>Whether this is a prefix pattern (written with a trailing <c>*</c>).</summary>
    public bool IsPrefix { get; }

    /// <summary>Whether this is <c>*</c>.</summary>
    public bool MatchesEverything => IsPrefix && Value.Length == 0;

    /// <summary>
    /// The range of names this pattern matches, both ends included, in <see cref="NameOrder"/> — the order in which
    /// SQLite and PostgreSQL's "C" collation compare names: a name matches exactly when <c>First &lt;= name &lt;= Last</c>
    /// there, so a store finds them with one range scan of a name index.
    /// </summary>
    public string First => Value;

    /// <inheritdoc cref="First"/>
    public string Last => IsPrefix ? Value + AfterEveryNameCharacter : Value;

    /// <summary>An exact name (assumed valid: see <see cref="TaskName.Check"/>).</summary>
    public static NamePattern Exact(string name) => new(name, isPrefix: false);

    /// <summary>Every name that starts with <paramref name="prefix"/> (assumed to hold name characters only).</summary>
    public static NamePattern StartingWith(string prefix) => prefix.Length == 0 ? Everything : new(prefix, isPrefix: true);

    /// <summary>Whether the name matches this pattern.</summary>
    public bool Matches(string name) =>
        IsPrefix ? name.StartsWith(Value, StringComparison.Ordinal) : string.Equals(name, Value, StringComparison.Ordinal);

    /// <summary>
    /// Whether every name <paramref name="other"/> matches is matched by this pattern too: an exact pattern covers the
    /// same name; a prefix <c>p*</c> covers a name starting with p and a prefix <c>q*</c> whose q starts with p.
    /// </summary>
    public bool Covers(NamePattern other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return IsPrefix ? other.Value.StartsWith(Value, StringComparison.Ordinal) : !other.IsPrefix && other.Value == Value;
    }

    /// <summary>The pattern of the names both patterns match, or null when they have none in common.</summary>
    public NamePattern? Intersect(NamePattern other) =>
        Covers(other) ? other : other.Covers(this) ? this : null;

    /// <summary>Parses one pattern (already trimmed, not empty); on failure returns false and says why.</summary>
    public static bool TryParse(string text, out NamePattern pattern, out string error)
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
            error = isPrefix ? $"pattern '{text}' is not a name prefix: it {problem}" : $"'{text}' is not a valid name: it {problem}";
            return false;
        }

        pattern = new NamePattern(value, isPrefix);
        return true;
    }

    /// <summary>As written: the name, or the prefix followed by <c>*</c>.</summary>
    public override string ToString() => IsPrefix ? Value + "*" : Value;
}
