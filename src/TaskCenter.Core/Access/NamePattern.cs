using System.Diagnostics.CodeAnalysis;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Access;

/// <summary>
/// A pattern over task names (which are also the tags consumer groups subscribe to, and the names of groups): an exact
/// name (<c>billing.invoice</c>), a prefix ending in <c>*</c> (<c>billing.*</c>: every name that starts with
/// <c>billing.</c>), or <c>*</c> alone (every name). Names never hold <c>*</c>, so a pattern reads one way only.
/// </summary>
public readonly record struct NamePattern
{
    private NamePattern(string text, bool isPrefix)
    {
        Text = text;
        IsPrefix = isPrefix;
    }

    /// <summary>The name, or the prefix without its <c>*</c> (empty for <c>*</c>).</summary>
    public string Text { get; }

    /// <summary>Whether the pattern is a prefix (<c>billing.*</c>, <c>*</c>) rather than one exact name.</summary>
    public bool IsPrefix { get; }

    /// <summary>Whether the pattern matches every name (<c>*</c>).</summary>
    public bool IsEverything => IsPrefix && Text.Length == 0;

    public static NamePattern Everything { get; } = new("", isPrefix: true);

    public static NamePattern Exact(string name) => new(name, isPrefix: false);

    public static NamePattern StartingWith(string prefix) => new(prefix, isPrefix: true);

    /// <summary>Reads <c>name</c>, <c>prefix*</c> or <c>*</c>; on failure returns false and says why (without the field name).</summary>
    public static bool TryParse(string? text, out NamePattern pattern, [NotNullWhen(false)] out string? error)
    {
        pattern = default;
        text = text?.Trim() ?? "";
        var isPrefix = text.EndsWith('*');
        var name = isPrefix ? text[..^1] : text;
        if (name.Length > 0 || !isPrefix)
        {
            if (TaskName.Check(name) is { } problem)
            {
                error = $"'{text}' is not a name or a prefix ending in *: it {problem}";
                return false;
            }
        }

        pattern = new NamePattern(name, isPrefix);
        error = null;
        return true;
    }

    public bool Matches(string name) =>
        IsPrefix ? name.StartsWith(Text, StringComparison.Ordinal) : string.Equals(name, Text, StringComparison.Ordinal);

    /// <summary>Whether every name <paramref name="other"/> matches, this pattern matches too.</summary>
    public bool Covers(NamePattern other) =>
        IsPrefix ? other.Text.StartsWith(Text, StringComparison.Ordinal) : !other.IsPrefix && other.Text == Text;

    /// <summary>The pattern of the names both patterns match, or null when they have none in common.</summary>
    public NamePattern? Intersect(NamePattern other) =>
        Covers(other) ? other : other.Covers(this) ? this : null;

    public override string ToString() => IsPrefix ? Text + "*" : Text;
}
