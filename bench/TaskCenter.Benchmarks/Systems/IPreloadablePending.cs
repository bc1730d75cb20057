namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// Optional for a system: it can be filled with pending tasks straight in its store, before
/// <see cref="ISystemUnderTest.StartAsync"/>, faster than scheduling them one by one (S5). This is set-up, not measured.
/// A system without it gets its pending tasks through <see cref="ISystemUnderTest.ScheduleOnceAsync"/> after starting.
/// </summary>
public interface IPreloadablePending
{
    /// <summary>Writes <paramref name="load"/> into the (not yet started) system's store.</summary>
    Task PreloadPendingAsync(PendingLoad load, CancellationToken cancellationToken);
}
