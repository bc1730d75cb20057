using TaskCenter.Core.Tasks;

namespace TaskCenter.Storage.Sqlite.TaskStore;

/// <summary>A name prefix as a range of the name index, in SQLite's BINARY order (UTF-8 bytes = code points).</summary>
internal static class NamePrefix
{
    /// <summary>
    /// The end of the prefix's range (<see cref="NameOrder.PrefixEnd"/>). Every TEXT sorts below a BLOB, so when there is
    /// none (a prefix of U+10FFFF only) an empty BLOB stands for "no upper end".
    /// </summary>
    public static object UpperEnd(string prefix) => NameOrder.PrefixEnd(prefix) ?? (object)Array.Empty<byte>();
}
