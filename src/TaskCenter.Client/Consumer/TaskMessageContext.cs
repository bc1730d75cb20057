namespace TaskCenter.Client.Consumer;

/// <summary>One message handed to a <see cref="TaskHandler"/>, and the operations on it.</summary>
public sealed class TaskMessageContext
{
    private readonly TaskConsumer _consumer;
    private int _acked;

    internal TaskMessageContext(TaskMessage message, TaskConsumer consumer)
    {
        Message = message;
        _consumer = consumer;
    }

    /// <summary>The message as the server delivered it.</summary>
    public TaskMessage Message { get; }

    /// <summary>The consumer group the message was delivered to.</summary>
    public string Group => _consumer.Group;

    /// <summary>The id of the task that fired.</summary>
    public string TaskId => Message.TaskId;

    /// <summary>The task's payload.</summary>
    public string Data => Message.Data;

    /// <summary>The message id; the same on every delivery of this fire.</summary>
    public string MsgId => Message.MsgId;

    /// <summary>The task's name, i.e. its routing tag.</summary>
    public string Name => Message.Name;

    /// <summary>The scheduled fire time.</summary>
    public DateTimeOffset FireTime => Message.FireTime;

    /// <summary>The delivery attempt, 1 for the first.</summary>
    public int Attempt => Message.Attempt;

    /// <summary>Unless acked before this time, the message is delivered again.</summary>
    public DateTimeOffset LeaseUntil => Message.LeaseUntil;

    /// <summary>
    /// Whether the task was added with <c>ack: true</c>: returning from the handler does not acknowledge the message; call
    /// <see cref="AckAsync"/> (or <see cref="TaskConsumer.AckAsync"/> with <see cref="MsgId"/>, possibly later), before
    /// <see cref="LeaseUntil"/>. Throwing from the handler still reports a failure.
    /// </summary>
    public bool RequiresExplicitAck => Message.RequiresExplicitAck;

    /// <summary>Whether <see cref="AckAsync"/> succeeded.</summary>
    internal bool IsAcked => Volatile.Read(ref _acked) != 0;

    /// <summary>
    /// Acknowledges the message now: it is done and not delivered again. The consumer then sends no acknowledgement or
    /// failure report of its own for it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> if the server acknowledged it; <see langword="false"/> if the group no longer holds it (e.g. its lease expired).</returns>
    public async Task<bool> AckAsync(CancellationToken cancellationToken = default)
    {
        var acked = await _consumer.AckAsync(MsgId, cancellationToken).ConfigureAwait(false);
        if (acked)
        {
            Volatile.Write(ref _acked, 1);
        }

        return acked;
    }
}
