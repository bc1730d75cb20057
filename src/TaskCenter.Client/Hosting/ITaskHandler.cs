using TaskCenter.Client.Consumer;

namespace TaskCenter.Client.Hosting;

/// <summary>
/// A message handler resolved from dependency injection, registered with
/// <see cref="TaskConsumerBuilder.Handle{THandler}(string)"/>: one instance per message, from a new scope.
/// </summary>
public interface ITaskHandler
{
    /// <summary>Handles one message; see <see cref="TaskHandler"/> for what returning and throwing mean.</summary>
    /// <param name="context">The message and what can be done with it.</param>
    /// <param name="cancellationToken">Canceled when the consumer stops and the handler outlives the shutdown timeout.</param>
    Task HandleAsync(TaskMessageContext context, CancellationToken cancellationToken);
}
