using System.Text;

namespace TaskCenter.Core.Tasks;

/// <summary>
/// The order of names in the stores' name index: by code point, i.e. by UTF-8 bytes, as SQLite's BINARY and
/// PostgreSQL's "C" collation compare text. .NET's ordinal order (UTF-16 code units) differs from it above U+D7FF.
/// </summary>
public static class NameOrder
{
    public static int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
    }

    /// <summary>
    /// The least string above every string that starts with <paramref name="prefix"/>, so that a prefix is the range
    /// [prefix, end) of the name index: the prefix up to its last code point below U+10FFFF, that code point incremented
    /// (past the surrogates, which no text holds); null when every code point is U+10FFFF (no end). LIKE is no use for a
    /// prefix: SQLite's ignores case for ASCII, and both treat % and _ as wildcards.
    /// </summary>
    public static string? PrefixEnd(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var runes = prefix.EnumerateRunes().ToList();
        for (var i = runes.Count - 1; i >= 0; i--)
        {
            if (runes[i].Value < 0x10FFFF)
            {
                var end = new StringBuilder(prefix.Length + 1);
                foreach (var rune in runes.Take(i))
                {
                    end.Append(rune.ToString());
                }

                var next = runes[i].Value + 1 == 0xD800 ? 0xE000 : runes[i].Value + 1;
                return end.Append(new Rune(next).ToString()).ToString();
            }
        }

        return null;
    }
}
