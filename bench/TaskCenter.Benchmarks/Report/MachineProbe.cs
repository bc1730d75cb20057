using System.Globalization;
using System.Runtime.InteropServices;
using TaskCenter.Benchmarks.Results;

namespace TaskCenter.Benchmarks.Report;

/// <summary>Reads what machine this is from /proc and /etc/os-release (falls back to .NET's view elsewhere).</summary>
public static class MachineProbe
{
    public static MachineInfo Read() => new()
    {
        Cores = Environment.ProcessorCount,
        Cpu = FirstValue("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        MemoryGiB = MemoryKb() / 1024.0 / 1024.0,
        Os = FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        Kernel = ReadFirstLine("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString,
        Runtime = RuntimeInformation.FrameworkDescription,
    };

    private static long MemoryKb()
    {
        var text = FirstValue("/proc/meminfo", "MemTotal", ':');
        var number = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
            ? kb
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024;
    }

    private static string? FirstValue(string path, string key, char separator)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var at = line.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && line[..at].Trim() == key)
            {
                return line[(at + 1)..].Trim();
            }
        }

        return null;
    }

    private static string? ReadFirstLine(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
}
