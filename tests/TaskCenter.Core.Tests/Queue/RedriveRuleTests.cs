using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Tests.Queue;

public class RedriveRuleTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly QueueOptions Options = new() { MaxRetries = 2 };

    [Fact]
    public void A_redriven_dead_letter_is_ready_at_once_and_never_handed_out() =>
        Assert.Equal(new PendingDelivery(IsLeased: false, Attempt: 0, AvailableAt: Now), RedriveRule.Reset(Now));

    [Fact]
    public void It_cannot_be_nacked_before_it_is_leased_again() =>
        Assert.Equal(NackResult.NotHandedOut, NackRule.Decide(RedriveRule.Reset(Now), "boom", Now, Options).Outcome.Result);

    [Fact]
    public void Its_next_lease_is_its_first_delivery_with_every_retry_ahead_of_it()
    {
        var reset = RedriveRule.Reset(Now);
        var candidate = new LeaseCandidate("m", reset.IsLeased, reset.Attempt, "t", "report", "{}", Now, FireLease: null, Ack: false);

        var message = candidate.Lease(Now, TimeSpan.FromSeconds(60));

        Assert.Equal(1, message.Attempt);
        Assert.Equal(NackResult.Retrying, NackRule.Decide(new(IsLeased: true, message.Attempt, message.LeaseUntil), null, Now, Options).Outcome.Result);
    }
}
