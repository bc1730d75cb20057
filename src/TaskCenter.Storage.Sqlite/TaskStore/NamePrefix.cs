using System.Text;

namespace TaskCenter.Storage.Sqlite.TaskStore;

/// <summary>A name prefix as a range of the name index, in SQLite's BINARY order (UTF-8 bytes = code points).</summary>
internal static class NamePrefix
{
    /// <summary>
    /// The least string above every string that starts with <paramref name="prefix"/>: the prefix with its last code
    /// point incremented (dropping trailing U+10FFFF, which cannot be). Every TEXT sorts below a BLOB, so when there is
    /// no such string (a prefix of U+10FFFF only) an empty BLOB stands for "no upper end". LIKE is no use here: it
    /// ignores case for ASCII and treats % and _ as wildcards.
    /// </summary>
    /// <summary>Whether <paramref name="name"/> sorts before <paramref name="prefix"/> (by UTF-8 bytes, as SQLite compares them).</summary>
    public static bool IsBelow(string name, string prefix) =>
        Encoding.UTF8.GetBytes(name).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(prefix)) < 0;

    public static object UpperEnd(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last < 0x10FFFF)
            {
                runes.Add(new Rune(last + 1 == 0xD800 ? 0xE000 : last + 1)); // skip the surrogates, which no text holds
                var end = new StringBuilder(prefix.Length + 1);
                foreach (var rune in runes)
                {
                    end.Append(rune.ToString());
                }

                return end.ToString();
            }
        }

        return Array.Empty<byte>();
    }
}
