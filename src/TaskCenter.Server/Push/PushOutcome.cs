using System.Globalization;
using System.Net;
using System.Text;

namespace TaskCenter.Server.Push;

/// <summary>What a push's answer means for its message.</summary>
internal abstract record PushOutcome
{
    /// <summary>How much of an answer's body a failure keeps as the message's error.</summary>
    public const int ErrorBodyBytes = 512;

    private PushOutcome()
    {
    }

    /// <summary>A 2xx answer: the message is acked.</summary>
    public sealed record Delivered(HttpStatusCode Status) : PushOutcome;

    /// <summary>429 or 503 with Retry-After: the message is tried again at that time (at most the bound), off the ladder.</summary>
    public sealed record RetryAt(DateTimeOffset At, string Error) : PushOutcome;

    /// <summary>Any other answer, a timeout or a connection failure: the message goes onto the group's retry ladder.</summary>
    public sealed record Failed(string Error) : PushOutcome;

    /// <summary>The outcome of an answer; <paramref name="bodyStart"/> is the first bytes of its body.</summary>
    public static PushOutcome Of(HttpResponseMessage answer, ReadOnlySpan<byte> bodyStart, DateTimeOffset now, TimeSpan maxRetryAfter)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.IsSuccessStatusCode)
        {
            return new Delivered(answer.StatusCode);
        }

        var error = Describe(answer.StatusCode, bodyStart);
        if (answer.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            && RetryAfter(answer, now) is { } wait)
        {
            var bounded = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > maxRetryAfter ? maxRetryAfter : wait;
            return new RetryAt(now + bounded, error);
        }

        return new Failed(error);
    }

    /// <summary>The outcome of a request that got no answer.</summary>
    public static Failed Of(Exception failure, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure is OperationCanceledException or TimeoutException
            ? new Failed($"no answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s")
            : new Failed($"request failed: {Innermost(failure).Message}");
    }

    private static string Describe(HttpStatusCode status, ReadOnlySpan<byte> bodyStart)
    {
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        var body = bodyStart.Length > ErrorBodyBytes ? bodyStart[..ErrorBodyBytes] : bodyStart;
        return body.IsEmpty ? $"HTTP {code}" : $"HTTP {code}: {Encoding.UTF8.GetString(body)}";
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage answer, DateTimeOffset now) =>
        answer.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };

    private static Exception Innermost(Exception failure)
    {
        while (failure.InnerException is { } inner)
        {
            failure = inner;
        }

        return failure;
    }
}
