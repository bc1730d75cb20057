namespace TaskCenter.Client.Consumer;

/// <summary>
/// Settings of a <see cref="TaskConsumer"/>: its group and how it consumes. The server's address, API key and request
/// timeout are the <see cref="TaskCenterClientOptions"/> of the client the consumer talks through. The consumer copies
/// them when it is created.
/// </summary>
public sealed class TaskConsumerOptions
{
    /// <summary>The consumer group; required. Consumers of one group share its messages; every group gets each message.</summary>
    public string Group { get; set; } = string.Empty;

    /// <summary>
    /// The most handlers running at once, at least 1. Default 8. A message whose handler returned frees its slot while its
    /// acknowledgement is on its way; at most as many messages again wait for theirs.
    /// </summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// The most messages taken by one consume call, 1–<see cref="MaxConcurrency"/> (and at most 1000);
    /// <see langword="null"/> (the default) means <see cref="MaxConcurrency"/>. The consumer never takes more than it has free handler slots.
    /// </summary>
    public int? Prefetch { get; set; }

    /// <summary>How long one consume call waits for a message (long-poll), 1–60 s. Default 20 s.</summary>
    public TimeSpan WaitTime { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a taken message is leased: unless acked within it, it is delivered again. 1 s–12 h. Default 60 s.
    /// A handler that needs longer should be given a longer lease.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// On stop, how long in-flight handlers may run before their cancellation token is canceled; zero or more.
    /// Default 30 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first pause after a failed consume call (e.g. the server is unreachable); doubles on each further failure. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between failed consume calls, at least <see cref="RetryDelay"/>. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether <see cref="TaskConsumer.StartAsync"/> throws when it cannot subscribe the group (the server or broker is
    /// unreachable or refuses), instead of logging a warning and going on trying in the background. Default
    /// <see langword="false"/>.
    /// </summary>
    public bool FailFastOnStart { get; set; }

    /// <summary>
    /// Builds the source the consumer takes its messages from, once, when the consumer is created. Default
    /// <see langword="null"/>: the server's built-in queue over HTTP, through the consumer's <see cref="ITaskCenterClient"/>. The package
    /// TaskCenter.Client.RabbitMq sets it with <c>UseRabbitMq(...)</c> to read straight from RabbitMQ.
    /// </summary>
    public Func<TaskMessageSourceContext, ITaskMessageSource>? MessageSource { get; set; }

    /// <summary>The <see cref="Prefetch"/> in effect.</summary>
    internal int EffectivePrefetch => Prefetch ?? Math.Min(MaxConcurrency, MaxMessagesPerConsume);

    private const int MaxMessagesPerConsume = 1000;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Group))
        {
            throw new ArgumentException($"{nameof(Group)} is required.", nameof(Group));
        }

        if (MaxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, $"{nameof(MaxConcurrency)} must be at least 1.");
        }

        if (Prefetch is { } prefetch && (prefetch < 1 || prefetch > MaxConcurrency || prefetch > MaxMessagesPerConsume))
        {
            throw new ArgumentOutOfRangeException(
                nameof(Prefetch), prefetch, $"{nameof(Prefetch)} must be between 1 and {nameof(MaxConcurrency)} (and at most {MaxMessagesPerConsume}).");
        }

        CheckRange(WaitTime, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), nameof(WaitTime));
        CheckRange(Lease, TimeSpan.FromSeconds(1), TimeSpan.FromHours(12), nameof(Lease));
        CheckRange(ShutdownTimeout, TimeSpan.Zero, TimeSpan.MaxValue, nameof(ShutdownTimeout));
        CheckRange(RetryDelay, TimeSpan.FromTicks(1), TimeSpan.FromDays(1), nameof(RetryDelay));
        CheckRange(MaxRetryDelay, RetryDelay, TimeSpan.FromDays(1), nameof(MaxRetryDelay));
    }

    internal TaskConsumerOptions Clone() => (TaskConsumerOptions)MemberwiseClone();

    private static void CheckRange(TimeSpan value, TimeSpan min, TimeSpan max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }
    }
}
