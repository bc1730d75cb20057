using System.Text;

namespace TaskCenter.Core.Limits;

/// <summary>
/// What one answer may still take: at most a number of items, and of payload bytes (<see cref="LimitOptions.MaxResponseBytes"/>).
/// Items are offered in the answer's order; the answer ends before the first one that does not fit (no later one is
/// taken, so nothing is skipped), but it always holds the first, however large, so that a reader can page past anything.
/// </summary>
public sealed class ResponseBudget
{
    private readonly int _maxItems;
    private readonly long _maxBytes;

    public ResponseBudget(int maxItems, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        _maxItems = maxItems;
        _maxBytes = maxBytes;
    }

    /// <summary>Items taken so far.</summary>
    public int Items { get; private set; }

    /// <summary>Their payload bytes.</summary>
    public long Bytes { get; private set; }

    /// <summary>Whether the answer ended: an item did not fit.</summary>
    public bool IsFull { get; private set; }

    /// <summary>
    /// Takes the next item when it fits: the answer has room for one more item, and the item's bytes keep it within the
    /// budget or it is the first. False: the answer ends before it.
    /// </summary>
    public bool TryTake(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (IsFull || Items == _maxItems || (Items > 0 && bytes > _maxBytes - Bytes))
        {
            IsFull = true;
            return false;
        }

        Items++;
        Bytes += bytes;
        return true;
    }

    /// <summary>Takes the next item when it fits, its payload being <paramref name="payload"/> (counted in UTF-8 bytes).</summary>
    public bool TryTake(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return TryTake(Encoding.UTF8.GetByteCount(payload));
    }
}
