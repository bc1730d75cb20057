using TaskCenter.Benchmarks.Stats;
using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>Waits until every expected fire was logged (then a little longer, to catch doubles) or the deadline passes.</summary>
public static class FireWaiter
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task<FireAudit> WaitAsync(
        FireLog log, ExpectedFires expected, DateTimeOffset deadline, TimeSpan grace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(expected);
        while (true)
        {
            // Counting is cheap; auditing only once enough fires came in.
            if (log.Count >= expected.Total && FireAudit.Of(log.Snapshot(), expected).Complete)
            {
                await Task.Delay(grace, cancellationToken);
                return FireAudit.Of(log.Snapshot(), expected);
            }

            if (log.Now >= deadline)
            {
                return FireAudit.Of(log.Snapshot(), expected);
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }
}
