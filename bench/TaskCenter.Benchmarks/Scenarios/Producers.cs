using System.Diagnostics;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>Concurrent callers: <c>producers</c> loops share the job indices 0..count−1, each awaiting one call at a time.</summary>
public static class Producers
{
    /// <summary>
    /// Calls <paramref name="call"/> for each index in 0..<paramref name="count"/>−1 from <paramref name="producers"/>
    /// concurrent loops; no new call starts after <paramref name="budget"/>.
    /// </summary>
    public static async Task<ProducerRun> RunAsync(
        int count, int producers, Func<int, CancellationToken, Task> call, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var callMs = new double[count];
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();

        async Task Loop()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count && clock.Elapsed < budget)
            {
                var started = Stopwatch.GetTimestamp();
                await call(index, cancellationToken);
                callMs[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Interlocked.Increment(ref done);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, producers)).Select(_ => Task.Run(Loop, cancellationToken)));
        var elapsed = clock.Elapsed;

        // Indices taken after the budget ran out were never called; only the completed calls count.
        var durations = callMs.Where(ms => ms > 0).ToArray();
        Array.Sort(durations);
        return new ProducerRun(done, elapsed, done < count, durations);
    }
}
