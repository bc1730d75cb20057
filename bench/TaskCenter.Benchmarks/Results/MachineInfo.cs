namespace TaskCenter.Benchmarks.Results;

/// <summary>The machine a run was taken on (read from /proc and /etc/os-release on Linux).</summary>
public sealed record MachineInfo
{
    public required int Cores { get; init; }

    public required string Cpu { get; init; }

    public required double MemoryGiB { get; init; }

    public required string Os { get; init; }

    public required string Kernel { get; init; }

    public required string Runtime { get; init; }

    public string Summary =>
        $"{Cores} cores ({Cpu}), {MemoryGiB:F1} GiB, {Os}, kernel {Kernel}, {Runtime}";
}
