using System.Globalization;

namespace TaskCenter.Cli.Input;

/// <summary>Reads a point in time given as unix seconds (<c>1767225600</c>) or ISO-8601 (<c>2026-01-01T09:00:00+01:00</c>).</summary>
internal static class TimeInput
{
    /// <summary>An ISO-8601 time without an offset is read in the machine's local zone, as a person typing it means.</summary>
    public static DateTimeOffset Parse(string text, string optionName)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unixSeconds))
        {
            try
            {
                return DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw CliException.Usage($"{optionName}: {text} is out of range for unix seconds");
            }
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time))
        {
            return time;
        }

        throw CliException.Usage($"{optionName}: '{text}' is neither unix seconds nor an ISO-8601 time");
    }
}
