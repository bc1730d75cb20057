using Microsoft.Extensions.Logging;

namespace TaskCenter.Client.Consumer;

/// <summary>
/// Runs the handler registered for a message's task name and settles the message by how the handler ended: returned
/// (ack, unless the task asks for an explicit ack or the handler acked itself), threw (failure report), or no handler
/// (failure report).
/// </summary>
internal sealed class MessageDispatcher(
    TaskConsumer consumer, HandlerRouter router, MessageSettler settler, ILogger logger, CancellationToken handlersCanceled)
{
    /// <summary>Handles one message. Never throws: a message that cannot be settled is delivered again after its lease.</summary>
    /// <param name="message">The message.</param>
    /// <param name="handlerReturned">Called once the handler ended, before the message is settled: frees the handler's slot.</param>
    public async Task DispatchAsync(TaskMessage message, Func<Task> handlerReturned)
    {
        try
        {
            var handler = router.Find(message.Name);
            if (handler is null)
            {
                logger.LogError(
                    "No handler is registered for task name {Name} (message {MsgId}); reporting a failure", message.Name, message.MsgId);
                await settler.NackAsync(message, $"no handler for task name '{message.Name}' in this consumer of group '{consumer.Group}'")
                    .ConfigureAwait(false);
                return;
            }

            var context = new TaskMessageContext(message, consumer);
            Exception? failure = null;
            try
            {
                await handler(context, handlersCanceled).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            await handlerReturned().ConfigureAwait(false);
            if (failure is null)
            {
                if (!context.IsAcked && !context.RequiresExplicitAck)
                {
                    await settler.AckAsync(message).ConfigureAwait(false);
                }
            }
            else if (context.IsAcked)
            {
                logger.LogWarning(
                    failure, "The handler of message {MsgId} (task {TaskId}) failed after acking it; no failure is reported",
                    message.MsgId, message.TaskId);
            }
            else
            {
                logger.LogWarning(
                    failure, "The handler of message {MsgId} (task {TaskId}, name {Name}, attempt {Attempt}) failed",
                    message.MsgId, message.TaskId, message.Name, message.Attempt);
                await settler.NackAsync(message, DescribeFailure(failure)).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(
                ex, "Could not settle message {MsgId} of task {TaskId}; it is delivered again after its lease",
                message.MsgId, message.TaskId);
        }
    }

    private string DescribeFailure(Exception failure) =>
        failure is OperationCanceledException && handlersCanceled.IsCancellationRequested
            ? "canceled: the consumer stopped before the handler finished"
            : failure.Message;
}
