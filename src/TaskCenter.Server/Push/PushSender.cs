using Microsoft.Extensions.Options;
using TaskCenter.Core.Push;
using TaskCenter.Core.Queue;

namespace TaskCenter.Server.Push;

/// <summary>
/// Sends one message to its group's target through the target's circuit breaker and says what became of it. The
/// request's timeout is the group's, shortened to what is left of the message's lease (a task's max_runtime is its
/// lease), so a push never outlives the lease and no second instance pushes the message while the first still waits.
/// <para>HTTP client: one <see cref="HttpClient"/> over <see cref="PushHttp"/>'s handler for every target, HTTP/1.1
/// (every receiver speaks it; a pool of keep-alive connections per target carries the concurrency), connections pooled
/// and renewed every few minutes.</para>
/// </summary>
internal sealed class PushSender(HttpClient client, TimeProvider time, IOptions<PushOptions> options)
{
    /// <summary>The least time a request is given, however little is left of the lease.</summary>
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Sends <paramref name="message"/>; null when the circuit is open and nothing was sent.</summary>
    public async Task<PushResult?> SendAsync(PushTarget target, QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var sentAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var timeout = Timeout(target.Group.Push.Timeout, message.LeaseUntil - sentAt);
        int? status = null;
        var outcome = await target.Circuit.SendAsync(
            async circuitToken =>
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(circuitToken);
                deadline.CancelAfter(timeout);
                try
                {
                    using var request = PushRequest.Create(target.Group.Push, target.Key, message, time.GetUtcNow());
                    using var answer = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                    status = (int)answer.StatusCode;
                    var bodyStart = answer.IsSuccessStatusCode ? [] : await ReadStartAsync(answer, deadline.Token);
                    return PushOutcome.Of(answer, bodyStart, time.GetUtcNow(), options.Value.MaxRetryAfter);
                }
                catch (Exception failure) when (failure is HttpRequestException or OperationCanceledException or IOException
                    && !cancellationToken.IsCancellationRequested)
                {
                    return PushOutcome.Of(failure, timeout);
                }
            },
            cancellationToken);
        if (outcome is null)
        {
            return null;
        }

        var duration = time.GetElapsedTime(started);
        PushMetrics.Pushed(target.Group.Name, outcome, duration);
        var error = outcome switch
        {
            PushOutcome.Failed failed => failed.Error,
            PushOutcome.RetryAt retry => retry.Error,
            _ => null,
        };
        return new PushResult(outcome, new PushAttempt(message.MsgId, target.Group.Name, message.Attempt, sentAt, status, duration, error));
    }

    private static TimeSpan Timeout(TimeSpan groupTimeout, TimeSpan leaseLeft) =>
        leaseLeft < groupTimeout ? (leaseLeft < MinTimeout ? MinTimeout : leaseLeft) : groupTimeout;

    private static async Task<byte[]> ReadStartAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        var start = new byte[PushOutcome.ErrorBodyBytes];
        await using var body = await answer.Content.ReadAsStreamAsync(cancellationToken);
        var read = await body.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken);
        return start[..read];
    }
}

/// <summary>A push sent: what its answer means for the message, and the attempt for the fire history.</summary>
internal sealed record PushResult(PushOutcome Outcome, PushAttempt Attempt);
