namespace TaskCenter.Client.Consumer;

/// <summary>
/// Handles one message. Returning normally acknowledges it (unless <see cref="TaskMessageContext.RequiresExplicitAck"/>);
/// throwing reports a failure, and the server delivers the message again on its retry delays.
/// </summary>
/// <param name="context">The message and what can be done with it.</param>
/// <param name="cancellationToken">Canceled when the consumer stops and the handler outlives <see cref="TaskConsumerOptions.ShutdownTimeout"/>.</param>
public delegate Task TaskHandler(TaskMessageContext context, CancellationToken cancellationToken);
