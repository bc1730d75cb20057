namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// Optional for a system that runs as its own process: the memory of that process. Systems without it run inside the
/// harness, whose own memory is reported instead (and says so).
/// </summary>
public interface IServerMemory
{
    /// <summary>The server process's memory now, or null when it is not running.</summary>
    MemorySample? SampleServerMemory();
}
