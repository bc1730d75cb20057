using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Tests.Queue;

public class NackRuleTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly QueueOptions Options = new() { MaxRetries = 2, RetryDelays = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)] };

    [Fact]
    public void A_message_never_handed_out_is_refused_and_nothing_is_written() =>
        Assert.Equal((new NackOutcome(NackResult.NotHandedOut), false), NackRule.Decide(new(IsLeased: false, Attempt: 0, Now), Now, Options));

    [Fact]
    public void A_message_waiting_for_its_retry_keeps_its_retry_time()
    {
        var retryAt = Now.AddSeconds(7);

        Assert.Equal((new NackOutcome(NackResult.Retrying, retryAt), false), NackRule.Decide(new(IsLeased: false, Attempt: 1, retryAt), Now, Options));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 30)]
    public void A_leased_message_comes_back_after_the_delay_of_its_attempt(int attempt, int delaySeconds) =>
        Assert.Equal(
            (new NackOutcome(NackResult.Retrying, Now.AddSeconds(delaySeconds)), true),
            NackRule.Decide(new(IsLeased: true, attempt, Now.AddMinutes(1)), Now, Options));

    [Fact]
    public void A_leased_message_past_its_retries_is_dead_lettered() =>
        Assert.Equal((new NackOutcome(NackResult.DeadLettered), true), NackRule.Decide(new(IsLeased: true, Attempt: 3, Now), Now, Options));
}
