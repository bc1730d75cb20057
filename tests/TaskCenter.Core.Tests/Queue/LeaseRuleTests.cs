using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.Core.Tests.Queue;

public class LeaseRuleTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan ConsumerLease = TimeSpan.FromSeconds(60);
    private static readonly QueueOptions Options = new() { MaxRetries = 2 };

    private static LeaseCandidate Candidate(string msgId, bool leased = false, int attempt = 0, string data = "{}", TimeSpan? fireLease = null) =>
        new(msgId, leased, attempt, TaskId: "t-" + msgId, Name: "report", data, FireTime: Now.AddSeconds(-5), fireLease, Ack: true);

    private static ResponseBudget Budget(int items = 100, long bytes = 1_000_000) => new(items, bytes);

    [Fact]
    public void A_ready_delivery_is_leased_as_its_next_attempt_until_the_consumers_lease_ends()
    {
        var plan = LeaseRule.Plan([Candidate("a", attempt: 1)], Budget(), Now, ConsumerLease, Options);

        var message = Assert.Single(plan.Leased);
        Assert.Equal(("a", "t-a", "report", 2, Now + ConsumerLease, true), (message.MsgId, message.TaskId, message.Name, message.Attempt, message.LeaseUntil, message.Ack));
        Assert.Empty(plan.Dead);
    }

    [Fact]
    public void A_fire_with_its_own_lease_is_leased_for_that_instead()
    {
        var plan = LeaseRule.Plan([Candidate("a", fireLease: TimeSpan.FromSeconds(5))], Budget(), Now, ConsumerLease, Options);

        Assert.Equal(Now.AddSeconds(5), Assert.Single(plan.Leased).LeaseUntil);
    }

    [Fact]
    public void An_expired_lease_with_retries_left_is_leased_again_with_the_same_msgid()
    {
        var plan = LeaseRule.Plan([Candidate("a", leased: true, attempt: 2)], Budget(), Now, ConsumerLease, Options);

        Assert.Equal(("a", 3), (Assert.Single(plan.Leased).MsgId, plan.Leased[0].Attempt));
    }

    [Fact]
    public void An_expired_lease_after_the_last_attempt_goes_to_the_dead_letters_and_the_plan_looks_further()
    {
        var plan = LeaseRule.Plan(
            [Candidate("a", leased: true, attempt: 3), Candidate("b", attempt: 0)], Budget(items: 1), Now, ConsumerLease, Options);

        Assert.Equal(["a"], plan.Dead);
        Assert.Equal("b", Assert.Single(plan.Leased).MsgId);
    }

    [Fact]
    public void A_ready_delivery_that_used_its_attempts_is_still_handed_out_it_only_dies_when_its_lease_ends()
    {
        var plan = LeaseRule.Plan([Candidate("a", leased: false, attempt: 3)], Budget(), Now, ConsumerLease, Options);

        Assert.Equal(4, Assert.Single(plan.Leased).Attempt);
    }

    [Fact]
    public void The_plan_ends_at_the_first_delivery_whose_data_does_not_fit_and_reads_no_further()
    {
        var read = new List<string>();
        IEnumerable<LeaseCandidate> Candidates()
        {
            foreach (var candidate in new[] { Candidate("a", data: new string('x', 60)), Candidate("b", data: new string('x', 60)), Candidate("c") })
            {
                read.Add(candidate.MsgId);
                yield return candidate;
            }
        }

        var plan = LeaseRule.Plan(Candidates(), Budget(bytes: 100), Now, ConsumerLease, Options);

        Assert.Equal(["a"], plan.Leased.Select(m => m.MsgId));
        Assert.Equal(["a", "b"], read);
    }

    [Fact]
    public void The_first_delivery_is_leased_however_large()
    {
        var plan = LeaseRule.Plan([Candidate("a", data: new string('x', 500))], Budget(bytes: 100), Now, ConsumerLease, Options);

        Assert.Single(plan.Leased);
    }

    [Fact]
    public void A_fire_handed_out_from_memory_is_its_first_delivery()
    {
        var fire = new FireRecord
        {
            MsgId = "m", TaskId = "t", Name = "report", Data = "{}", FireTime = Now, RecordedAt = Now, Lease = TimeSpan.FromSeconds(3), Ack = true,
        };

        var message = LeaseRule.FirstLease(fire, Now.AddTicks(1), ConsumerLease);

        Assert.Equal(("m", "t", "report", "{}", Now, 1, Now.AddSeconds(3), true),
            (message.MsgId, message.TaskId, message.Name, message.Data, message.FireTime, message.Attempt, message.LeaseUntil, message.Ack));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void A_delivery_is_available_once_its_time_has_come(int msFromNow, bool available) =>
        Assert.Equal(available, LeaseRule.IsAvailable(Now.AddMilliseconds(msFromNow), Now));
}
