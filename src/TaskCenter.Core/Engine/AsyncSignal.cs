namespace TaskCenter.Core.Engine;

/// <summary>
/// A broadcast wake-up with no lost signals: take <see cref="Current"/> before checking for work, then
/// <see cref="WaitAsync"/> on it; a <see cref="Set"/> anywhere in between completes the wait at once.
/// </summary>
public sealed class AsyncSignal(TimeProvider time)
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the first <see cref="Set"/> after this was read.</summary>
    public Task Current => Volatile.Read(ref _next).Task;

    public void Set() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    /// <summary>Waits until <paramref name="since"/> completes or the timeout passes. True when signalled.</summary>
    public async Task<bool> WaitAsync(Task since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (since.IsCompleted || timeout <= TimeSpan.Zero)
        {
            return since.IsCompleted;
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, timeoutSource.Token);
        var first = await Task.WhenAny(since, delay);
        await timeoutSource.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == since;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
