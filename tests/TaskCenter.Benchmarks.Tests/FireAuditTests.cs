using TaskCenter.Benchmarks.Stats;
using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Tests;

public sealed class FireAuditTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static Fire At(int index, DateTimeOffset scheduled, double lateMs) => new(index, scheduled, scheduled.AddMilliseconds(lateMs));

    [Fact]
    public void One_shots_count_missed_doubled_and_ignore_other_indices()
    {
        Fire[] fires = [At(0, T, 5), At(1, T, 1), At(1, T, 900), At(7, T, 3), At(99_999_999, T, 0)];

        var audit = FireAudit.Of(fires, ExpectedFires.OneShots(3, _ => T));

        Assert.Equal(3, audit.Expected);
        Assert.Equal(2, audit.Seen);
        Assert.Equal(1, audit.Missed);
        Assert.Equal(1, audit.Doubled);
        Assert.Equal([1.0, 5.0], audit.LatenessMs);
        Assert.False(audit.Complete);
    }

    [Fact]
    public void Recurring_fires_are_matched_to_their_slot_and_faulty_jobs_counted()
    {
        var second = TimeSpan.FromSeconds(1);
        Fire[] fires =
        [
            At(0, T, 2), At(0, T + second, 2), At(0, T + second + second, 2), // job 0: all three
            At(1, T, 2), At(1, T, 4), At(1, T + second, 2),                   // job 1: one doubled, one missing
            At(2, T.AddMilliseconds(1500), 0),                                  // job 2: off schedule, all missing
        ];

        var audit = FireAudit.Of(fires, ExpectedFires.Recurring(3, T, second, 3));

        Assert.Equal(9, audit.Expected);
        Assert.Equal(5, audit.Seen);
        Assert.Equal(4, audit.Missed);
        Assert.Equal(1, audit.Doubled);
        Assert.Equal(1, audit.OffSchedule);
        Assert.Equal(2, audit.JobsOff);
    }
}
