namespace TaskCenter.RabbitMq.Contract;

/// <summary>
/// The names of TaskCenter's RabbitMQ topology, all derived from the topic exchange's name (docs/rabbitmq.md). The
/// server's transport declares the same names; they are the contract between the two.
/// </summary>
internal sealed class AmqpNames(string exchange)
{
    /// <summary>The topic exchange fires are published to, with the task name as routing key.</summary>
    public string Exchange { get; } = exchange;

    /// <summary>The alternate exchange (fanout) and the queue that keep fires no group is bound to.</summary>
    public string Unrouted { get; } = exchange + ".unrouted";

    /// <summary>The direct exchange that takes a retried message back to one group's queue (routing key = the queue's name).</summary>
    public string Retry { get; } = exchange + ".retry";

    /// <summary>The headers exchange that routes a retry to the delay queue of its delay (header <c>retry_delay_ms</c>).</summary>
    public string Delay { get; } = exchange + ".delay";

    /// <summary>The queue the server drains into its dead-letter storage.</summary>
    public string DeadLetters { get; } = exchange + ".dead-letters";

    /// <summary>The queue of a consumer group.</summary>
    public string GroupQueue(string group) => $"{Exchange}.group.{group}";

    /// <summary>The queue where a retry waits out its delay before it is dead-lettered back through <see cref="Retry"/>.</summary>
    public string DelayQueue(long delayMs) => $"{Exchange}.delay.{delayMs}ms";
}
