using Microsoft.Extensions.Logging;

namespace TaskCenter.Client.Consumer;

/// <summary>What the consumer logs when its message source fails: one line for the expected outage, details for the rest.</summary>
internal static class ConsumerLog
{
    /// <summary>The first call, which subscribes the group, failed; <paramref name="retryDelay"/> is null when the start fails.</summary>
    public static void SubscribeFailed(ILogger logger, Exception failure, string group, string source, TimeSpan? retryDelay)
    {
        var next = retryDelay is { } delay
            ? $"Retrying in {delay}"
            : "The start fails (FailFastOnStart)";
        if (failure is TaskCenterApiException api)
        {
            logger.LogError("{Source} refused to subscribe group {Group}: {Error}. {Next}", source, group, api.Message, next);
        }
        else
        {
            logger.LogWarning(
                "{Source} is unreachable ({Error}): group {Group} is not subscribed. {Next}", source, failure.Message, group, next);
        }
    }

    /// <summary>A call for messages failed; the consumer tries again after <paramref name="retryDelay"/>.</summary>
    public static void ReceiveFailed(ILogger logger, Exception failure, string group, string source, TimeSpan retryDelay)
    {
        if (failure is TaskCenterApiException api)
        {
            // The server refused the request (e.g. an invalid group): a configuration problem, still retried.
            logger.LogError(
                "TaskCenter refused to consume for group {Group}: {Error}. Retrying in {RetryDelay}", group, api.Message, retryDelay);
        }
        else if (failure is HttpRequestException or TaskCanceledException { InnerException: TimeoutException })
        {
            // Expected while the server is down or restarting: one line, no stack trace.
            logger.LogWarning("{Source} is unreachable ({Error}). Retrying in {RetryDelay}", source, failure.Message, retryDelay);
        }
        else
        {
            logger.LogError(failure, "Consuming from {Source} failed. Retrying in {RetryDelay}", source, retryDelay);
        }
    }
}
