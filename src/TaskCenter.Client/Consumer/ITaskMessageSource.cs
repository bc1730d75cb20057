namespace TaskCenter.Client.Consumer;

/// <summary>
/// Where a <see cref="TaskConsumer"/> takes its group's messages from and where it settles them. The default reads the
/// TaskCenter server's built-in queue over HTTP (<c>/v1/api/consume</c>, <c>/ack</c>, <c>/nack</c>); the package
/// TaskCenter.Client.RabbitMq provides one that reads straight from RabbitMQ. Set
/// <see cref="TaskConsumerOptions.MessageSource"/> to choose one; the handlers stay the same.
/// </summary>
/// <remarks>
/// The consumer calls <see cref="StartAsync"/> once, then <see cref="ReceiveAsync"/> from one loop and the settling
/// methods from many handlers at once; after its handlers finished, <see cref="CompleteAsync"/>, and finally
/// <see cref="IAsyncDisposable.DisposeAsync"/>. Each received message is settled at most once by the consumer: acked,
/// nacked, or left to the handler's explicit ack.
/// </remarks>
public interface ITaskMessageSource : IAsyncDisposable
{
    /// <summary>Where the messages come from, for logs (e.g. the server's address).</summary>
    string Description { get; }

    /// <summary>
    /// Subscribes the group to <paramref name="tags"/> and starts taking messages. Completes once the subscription is in
    /// place (registered on the server, or the queue declared and bound on the broker): a fire recorded after that
    /// reaches the group. Throws when the source cannot be reached or refuses; the source then stays started and keeps
    /// trying (<see cref="ReceiveAsync"/> subscribes once it succeeds), unless the consumer gives up and disposes it.
    /// </summary>
    /// <param name="tags">The task names the consumer's handlers take; empty for every name (<c>*</c>).</param>
    /// <param name="cancellationToken">Canceled when the consumer stops.</param>
    /// <exception cref="NotSupportedException">The source cannot subscribe to one of <paramref name="tags"/>; the consumer does not start.</exception>
    Task StartAsync(IReadOnlyList<string> tags, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for messages and returns at most <paramref name="max"/> of them; empty when a wait ended without any. Throws
    /// when the source cannot be reached: the consumer logs it and calls again after a pause.
    /// </summary>
    /// <param name="max">The most messages to return: the consumer's free handler slots.</param>
    /// <param name="cancellationToken">Canceled when the consumer stops.</param>
    Task<IReadOnlyList<TaskMessage>> ReceiveAsync(int max, CancellationToken cancellationToken);

    /// <summary>Acknowledges a message whose handler returned; the source may send acknowledgements in batches.</summary>
    /// <param name="message">A message returned by <see cref="ReceiveAsync"/>.</param>
    /// <returns><see langword="false"/> if the group no longer holds it (e.g. its lease expired).</returns>
    Task<bool> AckAsync(TaskMessage message);

    /// <summary>Acknowledges a message by id at once: an explicit ack from the handler or any other code.</summary>
    /// <param name="msgId">The message id.</param>
    /// <param name="cancellationToken">Cancels the acknowledgement.</param>
    /// <returns><see langword="false"/> if the group no longer holds it.</returns>
    Task<bool> AckAsync(string msgId, CancellationToken cancellationToken);

    /// <summary>Reports a failed handling: the message comes back after its next retry delay, or becomes a dead letter.</summary>
    /// <param name="message">A message returned by <see cref="ReceiveAsync"/>.</param>
    /// <param name="failure">What went wrong, at most 1000 characters.</param>
    Task<NackOutcome> NackAsync(TaskMessage message, string failure);

    /// <summary>Stops taking messages and sends every acknowledgement still queued; called once the handlers finished.</summary>
    Task CompleteAsync();
}
