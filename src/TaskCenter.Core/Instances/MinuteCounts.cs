using System.Globalization;

namespace TaskCenter.Core.Instances;

/// <summary>
/// Counts per wall-clock minute for a run of consecutive minutes: <see cref="Counts"/>[i] belongs to minute
/// <see cref="FirstMinute"/> + i (minutes since the unix epoch). Stored as text: "firstMinute:c0,c1,...".
/// </summary>
public sealed record MinuteCounts(long FirstMinute, IReadOnlyList<long> Counts)
{
    public static readonly MinuteCounts Empty = new(0, []);

    public string Encode() =>
        string.Create(CultureInfo.InvariantCulture, $"{FirstMinute}:{string.Join(',', Counts)}");

    /// <summary>Reads <see cref="Encode"/>'s form; <see cref="Empty"/> for anything else.</summary>
    public static MinuteCounts Decode(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            return Empty;
        }

        var counts = new List<long>();
        foreach (var part in text![(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return Empty;
            }

            counts.Add(count);
        }

        return new MinuteCounts(first, counts);
    }
}
