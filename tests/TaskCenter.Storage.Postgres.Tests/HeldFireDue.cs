using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>
/// An engine pass stuck in its plan, as in an instance that hangs or is about to be cut off: its due tasks stay locked
/// in its open transaction until <see cref="Release"/> (or until the guard runs out).
/// </summary>
internal sealed class HeldFireDue : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _release = new();

    private HeldFireDue(StoragePorts storage, DateTimeOffset dueBy, Func<IReadOnlyList<ScheduledTask>, IReadOnlyList<TaskAdvance>> plan)
    {
        Completion = Task.Run(() => storage.Ledger.FireDueAsync(
            dueBy,
            1000,
            due =>
            {
                _holding.SetResult();
                _release.Wait(Guard);
                return plan(due);
            },
            CancellationToken.None));
    }

    /// <summary>The pass: what it recorded once released, or how it failed.</summary>
    public Task<DueBatch> Completion { get; }

    /// <summary>Starts a pass on <paramref name="storage"/> and returns once it holds its due tasks, planning them with <paramref name="plan"/> when released.</summary>
    public static async Task<HeldFireDue> StartAsync(
        StoragePorts storage, DateTimeOffset dueBy, Func<IReadOnlyList<ScheduledTask>, IReadOnlyList<TaskAdvance>>? plan = null)
    {
        var held = new HeldFireDue(storage, dueBy, plan ?? SharedSchema.FireOnce);
        await held._holding.Task.WaitAsync(Guard);
        return held;
    }

    public void Release() => _release.Set();

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }
}
