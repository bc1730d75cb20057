using Microsoft.Extensions.Logging;

namespace TaskCenter.Client.Consumer;

/// <summary>
/// A process-wide consumer in the style of the original Go SDK's global client:
/// <c>Init(options)</c>, <c>AddTaskHandler("tag", handler)</c>, <c>Start()</c>, and <c>Release()</c> on the way out.
/// A thin wrapper over one <see cref="TaskConsumer"/> and its <see cref="TaskCenterClient"/>; thread-safe.
/// </summary>
/// <remarks>
/// Kept for code written against the original SDK. New code should prefer a <see cref="TaskConsumer"/> it owns, or, in
/// a service built on the generic host, <c>services.AddTaskCenterConsumer(...)</c> (namespace TaskCenter.Client.Hosting):
/// both avoid process-wide state and take their client from the caller.
/// </remarks>
public static class TaskCenterConsumer
{
    private static readonly Lock Gate = new();
    private static TaskConsumer? _consumer;
    private static TaskCenterClient? _client;

    /// <summary>Whether <see cref="Init"/> was called and <see cref="Release"/> not yet.</summary>
    public static bool IsInitialized
    {
        get
        {
            lock (Gate)
            {
                return _consumer is not null;
            }
        }
    }

    /// <summary>Creates the process-wide consumer and the client it talks through.</summary>
    /// <param name="server">The server's address, API key and request timeout; validated and copied.</param>
    /// <param name="options">The consumer's settings; validated and copied.</param>
    /// <param name="loggerFactory">Where to log; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    /// <exception cref="InvalidOperationException">Already initialized (call <see cref="Release"/> first).</exception>
    public static void Init(TaskCenterClientOptions server, TaskConsumerOptions options, ILoggerFactory? loggerFactory = null)
    {
        lock (Gate)
        {
            if (_consumer is not null)
            {
                throw new InvalidOperationException("TaskCenterConsumer is already initialized; call Release first.");
            }

            var client = new TaskCenterClient(server);
            try
            {
                _consumer = new TaskConsumer(client, options, loggerFactory?.CreateLogger<TaskConsumer>());
            }
            catch
            {
                client.Dispose();
                throw;
            }

            _client = client;
        }
    }

    /// <summary>Registers a handler for a tag expression; see <see cref="TaskConsumer.Register(string, TaskHandler)"/>.</summary>
    /// <param name="tags">The tag expression, e.g. <c>tag1 || tag2</c> or <c>*</c>.</param>
    /// <param name="handler">The handler.</param>
    /// <exception cref="InvalidOperationException">Not initialized, or already started.</exception>
    public static void AddTaskHandler(string tags, TaskHandler handler) => Current.Register(tags, handler);

    /// <summary>Registers a handler taking <c>(taskId, data, msgId)</c>; see <see cref="TaskConsumer.Register(string, Func{string, string, string, Task})"/>.</summary>
    /// <param name="tags">The tag expression, e.g. <c>tag1 || tag2</c> or <c>*</c>.</param>
    /// <param name="handler">The handler; throwing reports a failure and the message is retried.</param>
    /// <exception cref="InvalidOperationException">Not initialized, or already started.</exception>
    public static void AddTaskHandler(string tags, Func<string, string, string, Task> handler) => Current.Register(tags, handler);

    /// <summary>
    /// Subscribes the group and starts consuming in the background, blocking until the group is subscribed (see
    /// <see cref="TaskConsumer.StartAsync"/>). Safe to call on a UI thread.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not initialized, no handler registered, or already started.</exception>
    public static void Start()
    {
        var consumer = Current;
        Task.Run(() => consumer.StartAsync()).GetAwaiter().GetResult();
    }

    /// <summary>Subscribes the group and starts consuming in the background; see <see cref="TaskConsumer.StartAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">Not initialized, no handler registered, or already started.</exception>
    public static Task StartAsync(CancellationToken cancellationToken = default) => Current.StartAsync(cancellationToken);

    /// <summary>Acknowledges a message explicitly; see <see cref="TaskConsumer.AckAsync"/>.</summary>
    /// <param name="msgId">The message id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidOperationException">Not initialized.</exception>
    public static Task<bool> AckAsync(string msgId, CancellationToken cancellationToken = default) =>
        Current.AckAsync(msgId, cancellationToken);

    /// <summary>
    /// Stops gracefully (see <see cref="TaskConsumer.StopAsync"/>), blocking until in-flight handlers finished, and
    /// releases the consumer; <see cref="Init"/> may then be called again. Does nothing when not initialized.
    /// Safe to call on a UI thread or under any other single-threaded synchronization context.
    /// </summary>
    // Every await of the stop says ConfigureAwait(false) (CA2007 is enforced in this project), so no continuation needs
    // the caller's synchronization context; running the stop on the thread pool keeps blocking on it safe regardless.
    public static void Release() => Task.Run(() => ReleaseAsync()).GetAwaiter().GetResult();

    /// <summary>Stops gracefully and releases the consumer; does nothing when not initialized.</summary>
    /// <param name="cancellationToken">When canceled, in-flight handlers are canceled at once.</param>
    public static async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        TaskConsumer? consumer;
        TaskCenterClient? client;
        lock (Gate)
        {
            (consumer, client) = (_consumer, _client);
            (_consumer, _client) = (null, null);
        }

        if (consumer is not null)
        {
            await consumer.StopAsync(cancellationToken).ConfigureAwait(false);
            await consumer.DisposeAsync().ConfigureAwait(false);
        }

        client?.Dispose();
    }

    private static TaskConsumer Current
    {
        get
        {
            lock (Gate)
            {
                return _consumer ?? throw new InvalidOperationException(
                    "TaskCenterConsumer is not initialized; call TaskCenterConsumer.Init first.");
            }
        }
    }
}
