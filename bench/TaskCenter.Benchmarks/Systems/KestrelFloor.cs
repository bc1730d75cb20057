namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// The floor of an HTTP add on this machine (bench/TaskCenter.Benchmarks.KestrelFloor): Kestrel reading the add's
/// JSON and answering its shape with the contract's serializer, and nothing else.
/// </summary>
public static class KestrelFloor
{
    public const string Key = "kestrel-floor";

    public const string Name = "Kestrel floor (same JSON, no storage)";

    public const string Note = "measured right before the next row; not a job system";

    public static Task<WebProcess> StartAsync(CancellationToken cancellationToken) =>
        WebProcess.StartAsync("TaskCenter.Benchmarks.KestrelFloor", Path.GetTempPath(), [], cancellationToken);
}
