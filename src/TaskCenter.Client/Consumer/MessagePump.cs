using Microsoft.Extensions.Logging;

namespace TaskCenter.Client.Consumer;

/// <summary>
/// Keeps the handlers fed: subscribes at the source, then takes as many messages as there are free handler slots
/// (<see cref="TaskConsumerOptions.MaxConcurrency"/>, at most the prefetch per call) and starts a handler for each. A
/// message whose handler returned gives its handler slot up for a settling slot while it is acked or reported (as many
/// settling slots as handler slots: <see cref="HandlingSlot"/>), so the acknowledgements' round trips do not hold the
/// next messages back. A failed call is logged and retried after a pause that doubles up to
/// <see cref="TaskConsumerOptions.MaxRetryDelay"/>; the pump never stops on its own, except when asked to fail a start
/// it could not subscribe.
/// </summary>
internal sealed class MessagePump(
    ITaskMessageSource source, TaskConsumerOptions options, Func<TaskMessage, Func<Task>, Task> handle, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrency, options.MaxConcurrency);
    private readonly SemaphoreSlim _settlingSlots = new(options.MaxConcurrency, options.MaxConcurrency);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Written by the loop only; read by the shutdown after the loop has ended.
    private readonly List<Task> _running = [];
    private Task _loop = Task.CompletedTask;

    /// <summary>
    /// Starts the loop. The task completes once the group is subscribed, or once the first attempt failed and was logged
    /// (the loop goes on trying); it faults when that attempt failed and <see cref="TaskConsumerOptions.FailFastOnStart"/>
    /// is set, or the source cannot subscribe to a tag, and the loop has then ended.
    /// </summary>
    public Task StartAsync(IReadOnlyList<string> tags)
    {
        _loop = Task.Run(() => RunAsync(tags, _stopping.Token), CancellationToken.None);
        return _subscribed.Task;
    }

    /// <summary>Stops taking messages and waits for the loop to end; started handlers go on.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false); // never faults
    }

    /// <summary>Completes when every started handler finished and its message was settled; never faults. Only after <see cref="StopAsync"/>.</summary>
    public Task HandlersFinished => Task.WhenAll(_running);

    /// <summary>How many handlers are still running or settling their message. Only after <see cref="StopAsync"/>.</summary>
    public int RunningHandlers => _running.Count(t => !t.IsCompleted);

    /// <summary>Disposes the pump's resources; only once no handler runs any more.</summary>
    public void Dispose()
    {
        _slots.Dispose();
        _settlingSlots.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync(IReadOnlyList<string> tags, CancellationToken stopping)
    {
        var retryDelay = options.RetryDelay;
        if (!await SubscribeAsync(tags, retryDelay, stopping).ConfigureAwait(false))
        {
            return;
        }

        var prefetch = options.EffectivePrefetch;
        while (!stopping.IsCancellationRequested)
        {
            Exception? failure = null;
            var slots = 0;
            try
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
                slots = 1;
                while (slots < prefetch && _slots.Wait(0, CancellationToken.None))
                {
                    slots++;
                }

                var messages = await source.ReceiveAsync(slots, stopping).ConfigureAwait(false);
                retryDelay = options.RetryDelay;
                foreach (var message in messages)
                {
                    if (slots == 0)
                    {
                        // The server sent more than asked for: wait for a slot rather than overrun MaxConcurrency.
                        await _slots.WaitAsync(stopping).ConfigureAwait(false);
                        slots = 1;
                    }

                    slots--;
                    _running.Add(Task.Run(() => HandleAndReleaseAsync(message), CancellationToken.None));
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                if (slots > 0)
                {
                    _slots.Release(slots);
                }

                _running.RemoveAll(t => t.IsCompleted);
            }

            if (failure is not null)
            {
                ConsumerLog.ReceiveFailed(logger, failure, options.Group, source.Description, retryDelay);
                if (!await PauseAsync(retryDelay, stopping).ConfigureAwait(false))
                {
                    break;
                }

                retryDelay = Doubled(retryDelay);
            }
        }
    }

    /// <summary>Subscribes at the source; returns whether the loop goes on (after a pause, when the attempt failed).</summary>
    private async Task<bool> SubscribeAsync(IReadOnlyList<string> tags, TimeSpan retryDelay, CancellationToken stopping)
    {
        try
        {
            await source.StartAsync(tags, stopping).ConfigureAwait(false);
            _subscribed.TrySetResult();
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            _subscribed.TrySetResult();
            return false;
        }
        catch (NotSupportedException ex)
        {
            _subscribed.TrySetException(ex);
            return false;
        }
        catch (Exception ex)
        {
            ConsumerLog.SubscribeFailed(logger, ex, options.Group, source.Description, options.FailFastOnStart ? null : retryDelay);
            if (options.FailFastOnStart)
            {
                _subscribed.TrySetException(ex);
                return false;
            }

            _subscribed.TrySetResult();
            return await PauseAsync(retryDelay, stopping).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one message's handling (which never throws) and frees its slot.</summary>
    private async Task HandleAndReleaseAsync(TaskMessage message)
    {
        var slot = new HandlingSlot(_slots, _settlingSlots);
        try
        {
            await handle(message, slot.ToSettlingAsync).ConfigureAwait(false);
        }
        finally
        {
            slot.Release();
        }
    }

    private TimeSpan Doubled(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));

    private static async Task<bool> PauseAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
