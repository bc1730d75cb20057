using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TaskCenter.Client.Consumer;

/// <summary>
/// Consumes a group's messages from the built-in queue and hands each to the handler registered for its task name.
/// </summary>
/// <remarks>
/// <para>Register handlers, then <see cref="StartAsync"/>, which returns once the group is subscribed on the server: a
/// fire recorded after it returns reaches the group. The consumer then long-polls <c>/v1/api/consume</c> (through its
/// <see cref="ITaskCenterClient"/>) for as many messages as it has free handler slots
/// (<see cref="TaskConsumerOptions.MaxConcurrency"/>), runs the handlers, and acknowledges each message whose handler
/// returned (batching the <c>/ack</c> calls) or reports a failure (<c>/nack</c>, so the server retries it) for each whose
/// handler threw. When the server is unreachable it logs a warning and retries with a doubling pause; it never stops on
/// its own.</para>
/// <para>Another <see cref="ITaskMessageSource"/> (<see cref="TaskConsumerOptions.MessageSource"/>), such as RabbitMQ's,
/// replaces the HTTP calls; everything else stays as described.</para>
/// <para><see cref="StopAsync"/> stops polling, waits for in-flight handlers (up to
/// <see cref="TaskConsumerOptions.ShutdownTimeout"/>, then cancels their token) and sends their acknowledgements. A
/// consumer runs once: it cannot be started again after it was stopped.</para>
/// <para>Delivery is at-least-once: a message whose acknowledgement is lost is delivered again after its lease.</para>
/// </remarks>
public sealed class TaskConsumer : IAsyncDisposable, IDisposable
{
    private readonly TaskConsumerOptions _options;
    private readonly ITaskMessageSource _source;
    private readonly ILogger _logger;
    private readonly HandlerRouter _router = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _handlersCts = new();
    private readonly CancellationTokenSource _stopNowCts = new();
    private readonly MessagePump _pump;

    private State _state;
    private Task? _stopTask;

    // RS0026 guards against overloads a call could not tell apart by their required parameters; these two differ in
    // their first one (a client, or options), so an optional logger on each is unambiguous.
#pragma warning disable RS0026
    /// <summary>Creates a consumer that talks to the server through <paramref name="client"/> (not disposed by the consumer).</summary>
    /// <param name="client">The client of the server whose built-in queue the consumer reads; unused when <see cref="TaskConsumerOptions.MessageSource"/> is set.</param>
    /// <param name="options">The settings; validated and copied.</param>
    /// <param name="logger">Where to log; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public TaskConsumer(ITaskCenterClient client, TaskConsumerOptions options, ILogger<TaskConsumer>? logger = null)
        : this(ValidateAndCopy(options), client ?? throw new ArgumentNullException(nameof(client)), logger)
    {
    }

    /// <summary>
    /// Creates a consumer that reads from the <see cref="TaskConsumerOptions.MessageSource"/> of <paramref name="options"/>
    /// (e.g. RabbitMQ's, set with <c>UseRabbitMq</c>). The server's built-in queue is read through a client: use
    /// <see cref="TaskConsumer(ITaskCenterClient, TaskConsumerOptions, ILogger{TaskConsumer})"/> for it.
    /// </summary>
    /// <param name="options">The settings; validated and copied.</param>
    /// <param name="logger">Where to log; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A setting is invalid, or no <see cref="TaskConsumerOptions.MessageSource"/> is set.</exception>
    public TaskConsumer(TaskConsumerOptions options, ILogger<TaskConsumer>? logger = null)
        : this(ValidateAndCopy(options) is { MessageSource: not null } valid ? valid : throw new ArgumentException(
            $"No {nameof(TaskConsumerOptions.MessageSource)} is set: pass the {nameof(ITaskCenterClient)} of the server whose built-in queue to read.",
            nameof(options)), client: null, logger)
    {
    }
#pragma warning restore RS0026

    /// <param name="validOptions">Validated settings.</param>
    /// <param name="client">The client for the built-in queue; <see langword="null"/> only when the options set a message source.</param>
    /// <param name="logger">Where to log.</param>
    private TaskConsumer(TaskConsumerOptions validOptions, ITaskCenterClient? client, ILogger? logger)
    {
        _options = validOptions;
        _logger = logger ?? NullLogger.Instance;
        _source = validOptions.MessageSource is { } createSource
            ? createSource(new TaskMessageSourceContext(validOptions, _logger))
            : new HttpMessageSource(client!, validOptions);
        var settler = new MessageSettler(_source, validOptions.Group, _logger);
        var dispatcher = new MessageDispatcher(this, _router, settler, _logger, _handlersCts.Token);
        _pump = new MessagePump(_source, validOptions, dispatcher.DispatchAsync, _logger);
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

    /// <summary>
    /// Subscribes the group to the registered tags and starts consuming in the background. Returns once the group is
    /// subscribed on the server (or its queue is declared and bound on the broker), so a fire recorded after it returns
    /// reaches the group. When the server is unreachable or refuses, it logs a warning naming the server and returns; the
    /// consumer goes on trying in the background (and subscribes once it succeeds) — unless
    /// <see cref="TaskConsumerOptions.FailFastOnStart"/> is set, in which case it throws that failure and the consumer
    /// takes no messages (dispose it).
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for the subscription; the consumer goes on starting in the background until stopped.</param>
    /// <exception cref="InvalidOperationException">No handler is registered, or the consumer was already started.</exception>
    /// <exception cref="NotSupportedException">The message source cannot subscribe to a registered pattern (RabbitMQ and a prefix such as <c>billing.*</c>).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Task subscribed;
        string subscription;
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

            subscription = _router.SubscriptionExpression;
            subscribed = _pump.StartAsync(_router.SubscribedTags);
            _state = State.Started;
        }

        await subscribed.WaitAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation(
            "TaskCenter consumer started: group {Group}, tags {Tags}, from {Source}, concurrency {MaxConcurrency}",
            Group, subscription, _source.Description, _options.MaxConcurrency);
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
                var shutdown = new ConsumerShutdown(_pump, _source, _handlersCts, _options, _logger);
                _stopTask = Task.Run(() => shutdown.RunAsync(_stopNowCts.Token), CancellationToken.None);
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

        // Handlers abandoned by a forced stop may still settle their messages: leave them the source and their slots.
        if (_pump.RunningHandlers > 0)
        {
            return;
        }

        await _source.DisposeAsync().ConfigureAwait(false);
        _pump.Dispose();
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
}
