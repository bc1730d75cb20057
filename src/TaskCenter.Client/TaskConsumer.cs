using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaskCenter.Client.Internal;

namespace TaskCenter.Client;

/// <summary>
/// Consumes a group's messages from the built-in queue and hands each to the handler registered for its task name.
/// </summary>
/// <remarks>
/// <para>Register handlers, then <see cref="StartAsync"/>: the consumer long-polls <c>/v1/api/consume</c> for as many
/// messages as it has free handler slots (<see cref="TaskConsumerOptions.MaxConcurrency"/>), runs the handlers, and
/// acknowledges each message whose handler returned (batching the <c>/ack</c> calls) or reports a failure
/// (<c>/nack</c>, so the server retries it) for each whose handler threw. When the server is unreachable it logs a
/// warning and retries with a doubling pause; it never stops on its own.</para>
/// <para>Another <see cref="ITaskMessageSource"/> (<see cref="TaskConsumerOptions.MessageSource"/>), such as RabbitMQ's,
/// replaces the HTTP calls; everything else stays as described.</para>
/// <para><see cref="StopAsync"/> stops polling, waits for in-flight handlers (up to
/// <see cref="TaskConsumerOptions.ShutdownTimeout"/>, then cancels their token) and sends their acknowledgements. A
/// consumer runs once: it cannot be started again after it was stopped.</para>
/// <para>Delivery is at-least-once: a message whose acknowledgement is lost is delivered again after its lease.</para>
/// </remarks>
public sealed class TaskConsumer : IAsyncDisposable, IDisposable
{
    /// <summary>How long stopping waits for handlers after their token was canceled.</summary>
    private static readonly TimeSpan CanceledHandlersGracePeriod = TimeSpan.FromSeconds(5);

    /// <summary>The longest failure text sent to <c>/nack</c>.</summary>
    private const int MaxErrorLength = 1000;

    private readonly TaskConsumerOptions _options;
    private readonly ITaskMessageSource _source;
    private readonly ILogger _logger;
    private readonly HandlerRouter _router = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _pollingCts = new();
    private readonly CancellationTokenSource _handlersCts = new();
    private readonly CancellationTokenSource _stopNowCts = new();

    // Written by the poll loop only; read by StopCoreAsync and DisposeAsync after the loop has ended.
    private readonly List<Task> _inFlight = [];

    private State _state;
    private string _subscription = "*";
    private Task _pollLoop = Task.CompletedTask;
    private Task? _stopTask;

    /// <summary>Creates a consumer with its own <see cref="TaskCenterClient"/> built from <paramref name="options"/>.</summary>
    /// <param name="options">The settings; validated and copied.</param>
    /// <param name="logger">Where to log; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public TaskConsumer(TaskConsumerOptions options, ILogger<TaskConsumer>? logger = null)
        : this(client: null, ValidateAndCopy(options), logger)
    {
    }

    /// <summary>
    /// Creates a consumer that talks through <paramref name="client"/> (not disposed by the consumer); the address, API key,
    /// request timeout and HTTP handler of <paramref name="options"/> are then ignored, and so is the client when
    /// <see cref="TaskConsumerOptions.MessageSource"/> is set.
    /// </summary>
    /// <param name="options">The settings; validated and copied.</param>
    /// <param name="client">The client to use.</param>
    /// <param name="logger">Where to log; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public TaskConsumer(TaskConsumerOptions options, TaskCenterClient client, ILogger<TaskConsumer>? logger = null)
        : this(client ?? throw new ArgumentNullException(nameof(client)), ValidateAndCopy(options), logger)
    {
    }

    private TaskConsumer(TaskCenterClient? client, TaskConsumerOptions validOptions, ILogger? logger)
    {
        _options = validOptions;
        _logger = logger ?? NullLogger.Instance;
        _source = validOptions.MessageSource is { } createSource
            ? createSource(new TaskMessageSourceContext(validOptions, _logger))
            : new HttpMessageSource(client ?? new TaskCenterClient(validOptions.ToClientOptions()), ownsClient: client is null, validOptions);
        _slots = new SemaphoreSlim(validOptions.MaxConcurrency, validOptions.MaxConcurrency);
    }

    private enum State
    {
        Created,
        Started,
        Stopped,
        Disposed,
    }

    /// <summary>The consumer group.</summary>
    public string Group => _options.Group;

    /// <summary>
    /// Registers a handler for the task names matched by <paramref name="tagExpression"/>: one tag, a prefix ending in
    /// <c>*</c> (<c>billing.*</c>: every name starting with <c>billing.</c>), several joined by <c>||</c>
    /// (<c>tag1 || billing.*</c>), or <c>*</c> for every name. A name's handler is the one for its exact tag, else the
    /// one for the longest prefix it starts with, else the one for <c>*</c>. The consumer subscribes to the union of all
    /// registered expressions. (Over RabbitMQ prefixes are refused at start: see docs/rabbitmq.md.)
    /// </summary>
    /// <param name="tagExpression">The tag expression.</param>
    /// <param name="handler">The handler.</param>
    /// <exception cref="ArgumentException">The expression is empty, has a <c>*</c> other than at the end of a prefix, or one of its tags or prefixes (or <c>*</c>) already has a handler.</exception>
    /// <exception cref="InvalidOperationException">The consumer was already started.</exception>
    public void Register(string tagExpression, TaskHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_state == State.Disposed, this);
            if (_state != State.Created)
            {
                throw new InvalidOperationException("Handlers must be registered before the consumer starts.");
            }

            _router.Add(tagExpression, handler);
        }
    }

    /// <summary>
    /// Registers a handler taking <c>(taskId, data, msgId)</c>, in the style of the original Go SDK. Returning acknowledges
    /// the message, throwing reports a failure; see <see cref="Register(string, TaskHandler)"/>.
    /// </summary>
    /// <param name="tagExpression">The tag expression.</param>
    /// <param name="handler">The handler, called with the task id, the data and the message id.</param>
    public void Register(string tagExpression, Func<string, string, string, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(tagExpression, (context, _) => handler(context.TaskId, context.Data, context.MsgId));
    }

    /// <summary>Starts polling in the background and returns. A server that is unreachable is retried, not reported here.</summary>
    /// <param name="cancellationToken">Cancels the start (it does not wait for anything).</param>
    /// <exception cref="InvalidOperationException">No handler is registered, or the consumer was already started.</exception>
    /// <exception cref="NotSupportedException">The message source cannot subscribe to a registered pattern (RabbitMQ and a prefix such as <c>billing.*</c>).</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_state == State.Disposed, this);
            if (_state != State.Created)
            {
                throw new InvalidOperationException("The consumer was already started; a consumer runs once.");
            }

            if (_router.IsEmpty)
            {
                throw new InvalidOperationException("Register at least one handler before starting the consumer.");
            }

            _subscription = _router.SubscriptionExpression;
            _source.Start(_router.SubscribedTags);
            _pollLoop = Task.Run(() => PollLoopAsync(_pollingCts.Token), CancellationToken.None);
            _state = State.Started;
        }

        _logger.LogInformation(
            "TaskCenter consumer started: group {Group}, tags {Tags}, server {Server}, concurrency {MaxConcurrency}",
            Group, _subscription, _source.Description, _options.MaxConcurrency);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops gracefully: stops polling, waits for in-flight handlers to finish (canceling their token after
    /// <see cref="TaskConsumerOptions.ShutdownTimeout"/>) and sends their acknowledgements. Safe to call more than once
    /// and concurrently; every call waits for the same stop.
    /// </summary>
    /// <param name="cancellationToken">When canceled, handlers are canceled at once and the stop stops waiting for them.</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task stop;
        lock (_gate)
        {
            if (_stopTask is null)
            {
                if (_state != State.Started)
                {
                    // Never started: nothing to stop, and it cannot be started any more.
                    _state = _state == State.Created ? State.Stopped : _state;
                    return;
                }

                _state = State.Stopped;
                _stopTask = Task.Run(StopCoreAsync, CancellationToken.None);
            }

            stop = _stopTask;
        }

        using (cancellationToken.Register(static state => ((TaskConsumer)state!).StopNow(), this))
        {
            await stop.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Acknowledges a message of this consumer's group, e.g. one whose task requires an explicit ack, from any code and
    /// at any time before its lease expires.
    /// </summary>
    /// <param name="msgId">The message id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> if the server acknowledged it; <see langword="false"/> if the group no longer holds it.</returns>
    public async Task<bool> AckAsync(string msgId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(msgId);
        return await _source.AckAsync(msgId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops (see <see cref="StopAsync"/>), blocking until in-flight handlers finished, and releases the consumer's
    /// resources. Prefer <see cref="DisposeAsync"/>; this is for callers that cannot await, such as a service provider
    /// disposed synchronously. Safe on a UI thread or under any other single-threaded synchronization context.
    /// </summary>
    // The stop runs on the thread pool, as in TaskCenterConsumer.Release: every await of the stop says
    // ConfigureAwait(false), and this keeps blocking safe even should a continuation ever look for the caller's context.
    public void Dispose() => Task.Run(() => DisposeAsync().AsTask()).GetAwaiter().GetResult();

    /// <summary>Stops (see <see cref="StopAsync"/>) and releases the consumer's resources.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        lock (_gate)
        {
            if (_state == State.Disposed)
            {
                return;
            }

            _state = State.Disposed;
        }

        // Handlers abandoned by a forced stop may still settle their messages: leave them the client and the semaphore.
        if (_inFlight.Exists(t => !t.IsCompleted))
        {
            return;
        }

        await _source.DisposeAsync().ConfigureAwait(false);
        _slots.Dispose();
        _pollingCts.Dispose();
        _handlersCts.Dispose();
        _stopNowCts.Dispose();
    }

    private static TaskConsumerOptions ValidateAndCopy(TaskConsumerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        copy.Validate();
        return copy;
    }

    private void StopNow()
    {
        try
        {
            _stopNowCts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped and disposed.
        }
    }

    private async Task PollLoopAsync(CancellationToken stopping)
    {
        var prefetch = _options.EffectivePrefetch;
        var retryDelay = _options.RetryDelay;
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

                var messages = await _source.ReceiveAsync(slots, stopping).ConfigureAwait(false);
                retryDelay = _options.RetryDelay;
                foreach (var message in messages)
                {
                    if (slots == 0)
                    {
                        // The server sent more than asked for: wait for a slot rather than overrun MaxConcurrency.
                        await _slots.WaitAsync(stopping).ConfigureAwait(false);
                        slots = 1;
                    }

                    slots--;
                    _inFlight.Add(Task.Run(() => ProcessAsync(message), CancellationToken.None));
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

                _inFlight.RemoveAll(t => t.IsCompleted);
            }

            if (failure is not null)
            {
                LogConsumeFailure(failure, retryDelay);
                try
                {
                    await Task.Delay(retryDelay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }
    }

    private void LogConsumeFailure(Exception failure, TimeSpan retryDelay)
    {
        if (failure is TaskCenterApiException api)
        {
            // The server refused the request (e.g. an invalid group): a configuration problem, still retried.
            _logger.LogError(
                "TaskCenter refused to consume for group {Group}: {Error}. Retrying in {RetryDelay}",
                Group, api.Message, retryDelay);
        }
        else if (failure is HttpRequestException or TaskCanceledException { InnerException: TimeoutException })
        {
            // Expected while the server is down or restarting: one line, no stack trace.
            _logger.LogWarning(
                "TaskCenter at {Server} is unreachable ({Error}). Retrying in {RetryDelay}",
                _source.Description, failure.Message, retryDelay);
        }
        else
        {
            _logger.LogError(
                failure, "Consuming from TaskCenter at {Server} failed. Retrying in {RetryDelay}", _source.Description, retryDelay);
        }
    }

    /// <summary>Runs the handler of one message and settles the message. Never throws; releases the message's slot.</summary>
    private async Task ProcessAsync(TaskMessage message)
    {
        try
        {
            var handler = _router.Find(message.Name);
            if (handler is null)
            {
                _logger.LogError(
                    "No handler is registered for task name {Name} (message {MsgId}); reporting a failure", message.Name, message.MsgId);
                await NackAsync(message, $"no handler for task name '{message.Name}' in this consumer of group '{Group}'")
                    .ConfigureAwait(false);
                return;
            }

            var context = new TaskMessageContext(message, this);
            Exception? failure = null;
            try
            {
                await handler(context, _handlersCts.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            if (failure is null)
            {
                if (context.IsAcked || context.RequiresExplicitAck)
                {
                    return;
                }

                if (await _source.AckAsync(message).ConfigureAwait(false))
                {
                    _logger.LogDebug("Acked message {MsgId} of task {TaskId}", message.MsgId, message.TaskId);
                }
                else
                {
                    _logger.LogWarning(
                        "The server did not ack message {MsgId} of task {TaskId}: group {Group} no longer holds it (lease expired?); it may be handled again",
                        message.MsgId, message.TaskId, Group);
                }
            }
            else if (context.IsAcked)
            {
                _logger.LogWarning(
                    failure, "The handler of message {MsgId} (task {TaskId}) failed after acking it; no failure is reported",
                    message.MsgId, message.TaskId);
            }
            else
            {
                _logger.LogWarning(
                    failure, "The handler of message {MsgId} (task {TaskId}, name {Name}, attempt {Attempt}) failed",
                    message.MsgId, message.TaskId, message.Name, message.Attempt);
                await NackAsync(message, DescribeFailure(failure)).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(
                ex, "Could not settle message {MsgId} of task {TaskId}; it is delivered again after its lease",
                message.MsgId, message.TaskId);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task NackAsync(TaskMessage message, string error)
    {
        var result = await _source.NackAsync(message, error).ConfigureAwait(false);
        if (result.Outcome == NackOutcome.Dead)
        {
            _logger.LogWarning(
                "Message {MsgId} of task {TaskId} ran out of attempts and is now a dead letter of group {Group}",
                message.MsgId, message.TaskId, Group);
        }
        else
        {
            _logger.LogInformation(
                "Message {MsgId} of task {TaskId} will be retried at {RetryAt:O}", message.MsgId, message.TaskId, result.RetryAt);
        }
    }

    private string DescribeFailure(Exception failure)
    {
        var text = failure is OperationCanceledException && _handlersCts.IsCancellationRequested
            ? "canceled: the consumer stopped before the handler finished"
            : failure.Message;
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    private async Task StopCoreAsync()
    {
        var stopNow = _stopNowCts.Token;
        _logger.LogInformation("Stopping the TaskCenter consumer of group {Group}", Group);

        await _pollingCts.CancelAsync().ConfigureAwait(false);
        await _pollLoop.ConfigureAwait(false); // never faults

        // The poll loop has ended: _inFlight no longer changes.
        var handlers = Task.WhenAll(_inFlight); // never faults: ProcessAsync never throws
        if (!handlers.IsCompleted)
        {
            _logger.LogInformation(
                "Waiting up to {ShutdownTimeout} for {Count} running handlers", _options.ShutdownTimeout, CountRunning());
            await WaitQuietlyAsync(handlers, _options.ShutdownTimeout, stopNow).ConfigureAwait(false);
        }

        if (!handlers.IsCompleted)
        {
            _logger.LogWarning("Canceling {Count} handlers that are still running", CountRunning());
            try
            {
                await _handlersCts.CancelAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A handler's cancellation callback failed");
            }

            if (!stopNow.IsCancellationRequested)
            {
                await WaitQuietlyAsync(handlers, CanceledHandlersGracePeriod, stopNow).ConfigureAwait(false);
            }

            if (!handlers.IsCompleted)
            {
                _logger.LogWarning(
                    "Abandoning {Count} handlers that ignore cancellation; their messages are delivered again after the lease",
                    CountRunning());
            }
        }

        await WaitQuietlyAsync(_source.CompleteAsync(), Timeout.InfiniteTimeSpan, stopNow).ConfigureAwait(false);
        _logger.LogInformation("The TaskCenter consumer of group {Group} stopped", Group);
    }

    private int CountRunning() => _inFlight.Count(t => !t.IsCompleted);

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
