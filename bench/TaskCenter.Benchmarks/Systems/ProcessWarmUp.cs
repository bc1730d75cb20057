using TaskCenter.Benchmarks.Scenarios;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// Unmeasured rounds of one-shots due now, through the system's adds and its consumer, before a scenario's jobs — for
/// the systems whose processes start with each scenario (TaskCenter's server and SDK consumer, BullMQ's Node.js
/// process). A service users run has delivered messages before, so its code is at the JIT's top tier; a fresh process
/// is not (on 2 cores a cold 30k burst cost TaskCenter's server 46 µs and its consumer 23 µs of CPU per message, the
/// third one 18 and 6 µs). The in-process systems are warm from the scenarios before, as S1 warms wrk's path up.
/// The fires carry indices from <see cref="JobIndices.WarmUpBase"/>, which no scenario counts.
/// </summary>
public static class ProcessWarmUp
{
    public const int Rounds = 3;

    public const int FiresPerRound = 5_000;

    private static readonly TimeSpan RoundDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Runs the rounds: <paramref name="scheduleAsync"/>(first index, count, due) adds a round's one-shots, and each
    /// round ends when all of them were logged (or after a minute, when the system is too slow for a warm-up to matter).
    /// </summary>
    public static async Task RunAsync(
        FireLog log, int firesPerRound, Func<int, int, DateTimeOffset, CancellationToken, Task> scheduleAsync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(scheduleAsync);
        for (var round = 0; round < Rounds; round++)
        {
            var first = JobIndices.WarmUpBase + (round * firesPerRound);
            await scheduleAsync(first, firesPerRound, log.Now, cancellationToken);
            var deadline = log.Now + RoundDeadline;
            while (log.Snapshot().Count(fire => fire.Index >= first && fire.Index < first + firesPerRound) < firesPerRound && log.Now < deadline)
            {
                await Task.Delay(Poll, cancellationToken);
            }
        }
    }
}
