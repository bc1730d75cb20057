using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>
/// One caller's add waiting for <see cref="AddGroupCommitter"/>: its tasks, and the result it is answered with. Until
/// the writer takes it, the caller's cancellation withdraws it (it is then never written); once taken, it gets the
/// outcome of its group.
/// </summary>
internal sealed class PendingAdd : IDisposable
{
    private const int Waiting = 0;
    private const int Taken = 1;
    private const int Withdrawn = 2;

    private readonly TaskCompletionSource<IReadOnlyList<AddTaskResult>> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _cancellation;
    private int _state = Waiting;

    public PendingAdd(IReadOnlyList<ScheduledTask> tasks, CancellationToken cancellationToken)
    {
        Tasks = tasks;
        _cancellation = cancellationToken.Register(() =>
        {
            if (Interlocked.CompareExchange(ref _state, Withdrawn, Waiting) == Waiting)
            {
                _result.TrySetCanceled(cancellationToken);
            }
        });
    }

    public IReadOnlyList<ScheduledTask> Tasks { get; }

    public Task<IReadOnlyList<AddTaskResult>> Result => _result.Task;

    /// <summary>Takes it for writing; false when its caller withdrew it first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Waiting) == Waiting;

    public void Succeed(IReadOnlyList<AddTaskResult> results) => _result.TrySetResult(results);

    public void Fail(Exception exception) => _result.TrySetException(exception);

    public void Dispose() => _cancellation.Dispose();
}
