using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Tests.Queue;

public class NackRuleTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly QueueOptions Options = new() { MaxRetries = 2, RetryDelays = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)] };

    [Fact]
    public void A_message_never_handed_out_is_refused_and_nothing_is_written() =>
        Assert.Equal(
            NackDecision.Unchanged(new NackOutcome(NackResult.NotHandedOut)),
            NackRule.Decide(new(IsLeased: false, Attempt: 0, Now), "boom", Now, Options));

    [Fact]
    public void A_message_waiting_for_its_retry_keeps_its_retry_time()
    {
        var retryAt = Now.AddSeconds(7);

        var decision = NackRule.Decide(new(IsLeased: false, Attempt: 1, retryAt), "boom", Now, Options);

        Assert.Equal(NackDecision.Unchanged(new NackOutcome(NackResult.Retrying, retryAt)), decision);
        Assert.False(decision.Writes);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 30)]
    public void A_leased_message_comes_back_after_the_delay_of_its_attempt(int attempt, int delaySeconds) =>
        Assert.Equal(
            new NackDecision(new NackOutcome(NackResult.Retrying, Now.AddSeconds(delaySeconds)), "boom"),
            NackRule.Decide(new(IsLeased: true, attempt, Now.AddMinutes(1)), "boom", Now, Options));

    [Fact]
    public void A_retry_time_asked_for_replaces_the_delay_of_the_attempt_but_never_lies_in_the_past()
    {
        Assert.Equal(
            new NackDecision(new NackOutcome(NackResult.Retrying, Now.AddMinutes(3)), "HTTP 429"),
            NackRule.Decide(new(IsLeased: true, Attempt: 1, Now.AddMinutes(1)), "HTTP 429", Now, Options, retryAt: Now.AddMinutes(3)));
        Assert.Equal(
            Now,
            NackRule.Decide(new(IsLeased: true, Attempt: 1, Now.AddMinutes(1)), "HTTP 503", Now, Options, retryAt: Now.AddMinutes(-3)).Outcome.RetryAt);
    }

    [Fact]
    public void A_retry_time_asked_for_still_counts_the_attempt_so_retries_end_in_the_dead_letters() =>
        Assert.Equal(
            new NackDecision(new NackOutcome(NackResult.DeadLettered), "HTTP 429"),
            NackRule.Decide(new(IsLeased: true, Attempt: 3, Now), "HTTP 429", Now, Options, retryAt: Now.AddMinutes(3)));

    [Fact]
    public void A_leased_message_past_its_retries_is_dead_lettered()
    {
        var decision = NackRule.Decide(new(IsLeased: true, Attempt: 3, Now), "boom", Now, Options);

        Assert.Equal(new NackDecision(new NackOutcome(NackResult.DeadLettered), "boom"), decision);
        Assert.True(decision.Writes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_nack_without_a_reason_is_written_as_nacked(string? failure)
    {
        Assert.Equal(NackRule.DefaultError, NackRule.Decide(new(IsLeased: true, Attempt: 1, Now), failure, Now, Options).Error);
        Assert.Equal(NackRule.DefaultError, NackRule.Decide(new(IsLeased: true, Attempt: 3, Now), failure, Now, Options).Error);
    }

    [Fact]
    public void A_retry_time_is_kept_in_whole_milliseconds()
    {
        var now = Now.AddTicks(12_345);

        var decision = NackRule.Decide(new(IsLeased: true, Attempt: 1, now), null, now, Options);

        Assert.Equal(Now.AddSeconds(10).AddMilliseconds(1), decision.Outcome.RetryAt);
    }

    [Fact]
    public void Past_the_last_configured_delay_every_retry_waits_that_delay()
    {
        var options = new QueueOptions { MaxRetries = 5, RetryDelays = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)] };

        Assert.Equal(Now.AddSeconds(30), NackRule.Decide(new(IsLeased: true, Attempt: 4, Now), null, Now, options).Outcome.RetryAt);
    }
}
