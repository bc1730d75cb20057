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
}
