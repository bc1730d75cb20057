using System.Globalization;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>A process's resident memory now (VmRSS) and at its peak (VmHWM), from /proc/&lt;pid&gt;/status.</summary>
public sealed record MemorySample(long RssBytes, long PeakRssBytes)
{
    public double RssMiB => RssBytes / 1024.0 / 1024.0;

    public double PeakRssMiB => PeakRssBytes / 1024.0 / 1024.0;

    /// <summary>Reads /proc/<paramref name="pid"/>/status ("self" for this process); null when it is not there.</summary>
    public static MemorySample? Read(string pid)
    {
        var path = $"/proc/{pid}/status";
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        long? rss = null, hwm = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line);
            }
        }

        return rss is { } r ? new MemorySample(r * 1024, (hwm ?? r) * 1024) : null;
    }

    public static MemorySample? Read(int pid) => Read(pid.ToString(CultureInfo.InvariantCulture));

    private static long Kilobytes(string line)
    {
        // "VmRSS:	  123456 kB"
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }
}
