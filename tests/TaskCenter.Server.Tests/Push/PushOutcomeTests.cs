using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TaskCenter.Server.Push;

namespace TaskCenter.Server.Tests.Push;

/// <summary>What a push's answer means: ack, retry at the time the receiver asked (bounded), or the retry ladder.</summary>
public sealed class PushOutcomeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Accepted)]
    [InlineData(HttpStatusCode.NoContent)]
    public void A_2xx_answer_delivers(HttpStatusCode status) =>
        Assert.Equal(new PushOutcome.Delivered(status), PushOutcome.Of(new HttpResponseMessage(status), [], Now, Bound));

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public void Retry_after_in_seconds_or_as_a_date_is_the_next_attempts_time(HttpStatusCode status)
    {
        using var seconds = new HttpResponseMessage(status);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
        using var date = new HttpResponseMessage(status);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddMinutes(2));

        Assert.Equal(new PushOutcome.RetryAt(Now.AddSeconds(30), $"HTTP {(int)status}"), PushOutcome.Of(seconds, [], Now, Bound));
        Assert.Equal(new PushOutcome.RetryAt(Now.AddMinutes(2), $"HTTP {(int)status}"), PushOutcome.Of(date, [], Now, Bound));
    }

    [Fact]
    public void Retry_after_is_bounded_and_never_in_the_past()
    {
        using var far = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        far.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromDays(3));
        using var past = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        past.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddHours(-1));

        Assert.Equal(Now + Bound, Assert.IsType<PushOutcome.RetryAt>(PushOutcome.Of(far, [], Now, Bound)).At);
        Assert.Equal(Now, Assert.IsType<PushOutcome.RetryAt>(PushOutcome.Of(past, [], Now, Bound)).At);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    public void Any_other_answer_fails_with_its_status_and_the_start_of_its_body(HttpStatusCode status)
    {
        var body = Encoding.UTF8.GetBytes("no such invoice " + new string('x', 1000));

        var outcome = Assert.IsType<PushOutcome.Failed>(PushOutcome.Of(new HttpResponseMessage(status), body, Now, Bound));

        Assert.Equal($"HTTP {(int)status}: {Encoding.UTF8.GetString(body, 0, PushOutcome.ErrorBodyBytes)}", outcome.Error);
        Assert.StartsWith($"HTTP {(int)status}: no such invoice xxx", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_answer_fails_saying_whether_it_timed_out_or_could_not_connect()
    {
        Assert.Equal("no answer within 2.5 s", PushOutcome.Of(new TaskCanceledException(), TimeSpan.FromSeconds(2.5)).Error);
        Assert.Equal(
            "request failed: Connection refused",
            PushOutcome.Of(new HttpRequestException("outer", new IOException("Connection refused")), TimeSpan.FromSeconds(10)).Error);
    }
}
