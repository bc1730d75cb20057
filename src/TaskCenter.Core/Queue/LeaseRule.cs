using TaskCenter.Core.Limits;
using TaskCenter.Core.Storage;

namespace TaskCenter.Core.Queue;

/// <summary>
/// What a lease does with the deliveries a store found available (ready ones whose time has come, and leased ones
/// whose lease has ended): decided here, written by the store.
/// </summary>
public static class LeaseRule
{
    /// <summary>The last error of a message dead-lettered because its lease ended once more than the retries allow.</summary>
    public const string ExpiredError = "lease expired";

    /// <summary>
    /// Whether a delivery available at <paramref name="availableAt"/> can be leased at <paramref name="now"/>: a ready
    /// one whose fire or retry time has come, or a leased one whose lease has expired (its lease end has come).
    /// </summary>
    public static bool IsAvailable(DateTimeOffset availableAt, DateTimeOffset now) => availableAt <= now;

    /// <summary>
    /// Goes through <paramref name="candidates"/> in the order a store hands them out: each leased one whose lease ran
    /// out after its last allowed attempt goes to the dead letters (<see cref="LeaseCandidate.HasUsedUpItsAttempts"/>),
    /// each other one is leased while its data fits <paramref name="budget"/>; at the first that does not fit the plan
    /// ends (it and the rest stay as they are, and are not enumerated).
    /// </summary>
    public static LeasePlan Plan(
        IEnumerable<LeaseCandidate> candidates, ResponseBudget budget, DateTimeOffset now, TimeSpan consumerLease, QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(budget);
        var plan = new LeasePlan([], []);
        foreach (var candidate in candidates)
        {
            if (candidate.HasUsedUpItsAttempts(options))
            {
                plan.Dead.Add(candidate.MsgId);
            }
            else if (budget.TryTake(candidate.Data))
            {
                plan.Leased.Add(candidate.Lease(now, consumerLease));
            }
            else
            {
                break;
            }
        }

        return plan;
    }

    /// <summary>
    /// The first delivery of a fire just recorded, handed out at <paramref name="now"/> (attempt 1; see
    /// <see cref="LeaseCandidate.LeaseEnd"/>), for a store that hands fresh fires out from memory.
    /// </summary>
    public static QueueMessage FirstLease(FireRecord fire, DateTimeOffset now, TimeSpan consumerLease)
    {
        ArgumentNullException.ThrowIfNull(fire);
        return new LeaseCandidate(fire.MsgId, IsLeased: false, Attempt: 0, fire.TaskId, fire.Name, fire.Data, fire.FireTime, fire.Lease, fire.Ack)
            .Lease(now, consumerLease);
    }
}

/// <summary>
/// What <see cref="LeaseRule.Plan"/> decided: the messages leased (the store marks each leased until its
/// <see cref="QueueMessage.LeaseUntil"/>) and the deliveries that go to the dead letters instead (with
/// <see cref="LeaseRule.ExpiredError"/>).
/// </summary>
public sealed record LeasePlan(List<QueueMessage> Leased, List<string> Dead);
