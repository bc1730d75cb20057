namespace TaskCenter.Core.Engine;

/// <summary>
/// A broadcast wake-up with no lost signals: take <see cref="Current"/> before checking for work, then
/// <see cref="WaitUntilAsync"/> on it; a <see cref="Set"/> anywhere in between completes the wait at once.
/// </summary>
public sealed class AsyncSignal(TimeProvider time)
{
    /// <summary>How far the clock may move while a timer is armed before the timer is armed again.</summary>
    private static readonly TimeSpan ClockJumpTolerance = TimeSpan.FromMilliseconds(1);

    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the first <see cref="Set"/> after this was read.</summary>
    public Task Current => Volatile.Read(ref _next).Task;

    public void Set() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    /// <summary>Waits until <paramref name="since"/> completes or the clock reaches <paramref name="deadline"/>. True when signalled.</summary>
    public async Task<bool> WaitUntilAsync(Task since, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (!since.IsCompleted)
        {
            var armedAt = time.GetUtcNow();
            if (armedAt >= deadline)
            {
                return false;
            }

            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(deadline - armedAt, time, timeoutSource.Token);

            // A timer counts from when it is armed. If the clock jumped between reading it and arming the timer (a
            // test's fake clock advanced by another thread), the timer would fire late by the jump: arm it again.
            if (time.GetUtcNow() - armedAt > ClockJumpTolerance)
            {
                await timeoutSource.CancelAsync();
                continue;
            }

            var first = await Task.WhenAny(since, delay);
            await timeoutSource.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (first != since)
            {
                return false;
            }
        }

        return true;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
