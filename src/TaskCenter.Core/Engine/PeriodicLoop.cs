namespace TaskCenter.Core.Engine;

/// <summary>The loop of a background service that works at a fixed interval (housekeeping, heartbeats).</summary>
public static class PeriodicLoop
{
    /// <summary>
    /// Runs <paramref name="work"/> at once and then every <paramref name="interval"/> until <paramref name="stop"/>
    /// is cancelled, which ends the loop quietly. <paramref name="work"/> handles its own failures.
    /// </summary>
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> work, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await work(stop);
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
