using Microsoft.Extensions.Logging;

namespace TaskCenter.Client.Consumer;

/// <summary>Settles a handled message at its source: an acknowledgement, or a failure report that retries it or makes it a dead letter.</summary>
internal sealed class MessageSettler(ITaskMessageSource source, string group, ILogger logger)
{
    /// <summary>The longest failure text sent to <c>/nack</c>.</summary>
    private const int MaxErrorLength = 1000;

    public async Task AckAsync(TaskMessage message)
    {
        if (await source.AckAsync(message).ConfigureAwait(false))
        {
            logger.LogDebug("Acked message {MsgId} of task {TaskId}", message.MsgId, message.TaskId);
        }
        else
        {
            logger.LogWarning(
                "The server did not ack message {MsgId} of task {TaskId}: group {Group} no longer holds it (lease expired?); it may be handled again",
                message.MsgId, message.TaskId, group);
        }
    }

    public async Task NackAsync(TaskMessage message, string error)
    {
        var outcome = await source.NackAsync(message, error.Length <= MaxErrorLength ? error : error[..MaxErrorLength])
            .ConfigureAwait(false);
        if (outcome.Result == NackResult.DeadLettered)
        {
            logger.LogWarning(
                "Message {MsgId} of task {TaskId} ran out of attempts and is now a dead letter of group {Group}",
                message.MsgId, message.TaskId, group);
        }
        else
        {
            logger.LogInformation(
                "Message {MsgId} of task {TaskId} will be retried at {RetryAt:O}", message.MsgId, message.TaskId, outcome.RetryAt);
        }
    }
}
