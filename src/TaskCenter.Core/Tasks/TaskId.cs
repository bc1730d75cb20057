using System.Security.Cryptography;

namespace TaskCenter.Core.Tasks;

/// <summary>
/// Generates ids shaped like MongoDB ObjectIds: 4 bytes of unix seconds, 5 random bytes fixed per process,
/// and a 3-byte counter, written as 24 lowercase hex characters. Ids sort by creation time, as clients of the
/// original (which stored tasks in MongoDB) may rely on.
/// </summary>
public sealed class TaskIdGenerator
{
    private readonly TimeProvider _time;
    private readonly byte[] _processUnique = RandomNumberGenerator.GetBytes(5);
    private int _counter = RandomNumberGenerator.GetInt32(0, 0xFFFFFF);

    public TaskIdGenerator(TimeProvider time) => _time = time;

    public string NewId()
    {
        var seconds = (uint)_time.GetUtcNow().ToUnixTimeSeconds();
        var counter = Interlocked.Increment(ref _counter) & 0xFFFFFF;
        Span<byte> bytes = stackalloc byte[12];
        bytes[0] = (byte)(seconds >> 24);
        bytes[1] = (byte)(seconds >> 16);
        bytes[2] = (byte)(seconds >> 8);
        bytes[3] = (byte)seconds;
        _processUnique.CopyTo(bytes[4..9]);
        bytes[9] = (byte)(counter >> 16);
        bytes[10] = (byte)(counter >> 8);
        bytes[11] = (byte)counter;
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>True for 24 lowercase or uppercase hex characters.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 24 } && id.All(char.IsAsciiHexDigit);
}
