using Microsoft.Extensions.Logging;

namespace TaskCenter.Client.Consumer;

/// <summary>
/// Stops a consumer gracefully: no new messages, then the running handlers get <see cref="TaskConsumerOptions.ShutdownTimeout"/>
/// to finish, then their token is canceled and they get a short grace period, then the source sends what is still queued.
/// A stop-now signal cuts every wait short.
/// </summary>
internal sealed class ConsumerShutdown(
    MessagePump pump, ITaskMessageSource source, CancellationTokenSource handlersCts, TaskConsumerOptions options, ILogger logger)
{
    /// <summary>How long stopping waits for handlers after their token was canceled.</summary>
    private static readonly TimeSpan CanceledHandlersGracePeriod = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken stopNow)
    {
        logger.LogInformation("Stopping the TaskCenter consumer of group {Group}", options.Group);
        await pump.StopAsync().ConfigureAwait(false);

        var handlers = pump.HandlersFinished;
        if (!handlers.IsCompleted)
        {
            logger.LogInformation(
                "Waiting up to {ShutdownTimeout} for {Count} running handlers", options.ShutdownTimeout, pump.RunningHandlers);
            await WaitQuietlyAsync(handlers, options.ShutdownTimeout, stopNow).ConfigureAwait(false);
        }

        if (!handlers.IsCompleted)
        {
            logger.LogWarning("Canceling {Count} handlers that are still running", pump.RunningHandlers);
            try
            {
                await handlersCts.CancelAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A handler's cancellation callback failed");
            }

            if (!stopNow.IsCancellationRequested)
            {
                await WaitQuietlyAsync(handlers, CanceledHandlersGracePeriod, stopNow).ConfigureAwait(false);
            }

            if (!handlers.IsCompleted)
            {
                logger.LogWarning(
                    "Abandoning {Count} handlers that ignore cancellation; their messages are delivered again after the lease",
                    pump.RunningHandlers);
            }
        }

        await WaitQuietlyAsync(source.CompleteAsync(), Timeout.InfiniteTimeSpan, stopNow).ConfigureAwait(false);
        logger.LogInformation("The TaskCenter consumer of group {Group} stopped", options.Group);
    }

    private static async Task WaitQuietlyAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
