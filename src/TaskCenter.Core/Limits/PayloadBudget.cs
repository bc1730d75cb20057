using System.Text;

namespace TaskCenter.Core.Limits;

/// <summary>
/// The payload bytes one answer may still carry (<see cref="LimitOptions.MaxResponseBytes"/>): items are taken in
/// order until the next one would go over, and the answer ends there (a later, smaller item is not taken either, so
/// nothing is skipped); the first item is always taken, however large, so a page is never empty while items remain.
/// </summary>
public sealed class PayloadBudget(long maxBytes)
{
    private long _used;
    private int _taken;

    /// <summary>Whether the answer ended: an item did not fit.</summary>
    public bool IsSpent { get; private set; }

    /// <summary>Takes an item whose payload is <paramref name="data"/> (its UTF-8 bytes count); false when it does not fit.</summary>
    public bool TryTake(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (IsSpent)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetByteCount(data);
        if (_taken > 0 && _used + bytes > maxBytes)
        {
            IsSpent = true;
            return false;
        }

        _used += bytes;
        _taken++;
        return true;
    }
}
