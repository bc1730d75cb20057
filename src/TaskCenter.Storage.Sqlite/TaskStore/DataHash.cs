using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace TaskCenter.Storage.Sqlite.TaskStore;

/// <summary>
/// The dedupe key of a task's data: the first 8 bytes of SHA-256 over its UTF-8 bytes, as a signed 64-bit integer.
/// It only narrows the lookup; equal hashes are confirmed by comparing the data itself.
/// </summary>
internal static class DataHash
{
    public static long Of(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(data);
        SHA256.HashData(bytes, hash);
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}
