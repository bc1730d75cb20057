using TaskCenter.Benchmarks.Systems;
using TaskCenter.Testing;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>
/// BullMQ 6.7.0 (npm, with ioredis 5.11.1) on Debian's redis-server, the job service a team reaches over the network: a
/// <see cref="RedisServer"/> of its own (append-only file, <c>appendfsync everysec</c>), started with the peer and
/// stopped on dispose, and one Node.js process (<see cref="BullMqProcess"/>) with a BullMQ Queue that adds the jobs and
/// a Worker whose handler records the start.
/// </summary>
/// <remarks>
/// <para>One-shots are delayed jobs (<c>Queue.add</c> with <c>delay</c> = due − now and that same now as the job's
/// timestamp, so BullMQ's due time, timestamp + delay, is the harness's); recurring jobs are job schedulers
/// (<c>upsertJobScheduler</c> with <c>every</c>, <c>startDate</c> and <c>limit</c>: BullMQ 6's repeatable jobs), whose
/// job ids carry each fire's due time. Completed jobs are removed (<c>removeOnComplete</c>), as BullMQ's guide
/// advises.</para>
/// <para>A schedule call returns when the harness got the peer's answer, i.e. when <c>Queue.add</c> resolved (Redis ran
/// BullMQ's add script; the append-only file is fsynced about once a second, not before the answer); the harness's
/// calls go to the one Queue over the pipe, so 8 producers are 8 adds in flight on its connection. The call time
/// includes the pipe, which a Node.js service calling <c>Queue.add</c> itself does not pay (bench/bullmq/add-rate.js
/// measures that).</para>
/// <para>The worker takes <see cref="WorkerConcurrency"/> jobs at once (BullMQ's default is 1): enough that the Redis
/// round trips of fetching and completing jobs overlap, so the worker is not held back by its setting (a 2,000-job
/// burst drained no faster with 300, and slower with 1,000 or 10).</para>
/// <para>Redis runs with <c>hz 100</c> instead of its default 10, as Redis's configuration file advises "where very low
/// latency is required": an idle worker waits for the next delayed job with a blocking <c>BZPOPMIN</c> whose timeout
/// Redis only notices on its timer, every 1/hz s — at 10 a delayed job starts up to 100 ms late for that alone.</para>
/// </remarks>
public sealed class BullMqPeer : ISystemUnderTest, IServerMemory
{
    public const string DisplayName = "BullMQ 6.7 (Redis, AOF everysec)";

    /// <summary>What its rows say about durability.</summary>
    public const string DurabilityNote = "Redis appendonly yes, appendfsync everysec: adds fsynced about once a second, not before the answer";

    /// <summary>Jobs the worker runs at once.</summary>
    public const int WorkerConcurrency = 100;

    /// <summary>Beyond <see cref="RedisServer"/>'s durable setting: timeouts checked 100 times a second (see the remarks).</summary>
    private static readonly (string Name, string Value)[] RedisSettings = [("hz", "100")];

    private RedisServer? _redis;
    private BullMqProcess? _peer;

    public string Name => DisplayName;

    public bool Durable => true;

    public async Task StartAsync(FireLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (_redis is not null)
        {
            throw new InvalidOperationException($"{Name} was already started.");
        }

        var folder = await BullMqFolder.PrepareAsync(cancellationToken);
        _redis = await RedisServer.StartAsync(RedisSettings, cancellationToken);
        _peer = await BullMqProcess.StartAsync(folder, _redis.Port, WorkerConcurrency, log, cancellationToken);

        // A fresh Node.js process, like TaskCenter's server in its end-to-end rows: warmed up the same way.
        await ProcessWarmUp.RunAsync(
            log,
            ProcessWarmUp.FiresPerRound,
            (first, count, due, ct) => Task.WhenAll(Enumerable.Range(first, count).Select(index => _peer.OnceAsync(index, due, ct))),
            cancellationToken);
    }

    public Task ScheduleOnceAsync(int index, DateTimeOffset at, CancellationToken cancellationToken) =>
        Peer.OnceAsync(index, at, cancellationToken);

    public Task ScheduleRecurringAsync(int index, DateTimeOffset firstAt, TimeSpan interval, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Peer.EveryAsync(index, firstAt, interval, count, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _peer?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>redis-server's memory (where the jobs are) and the Node.js process's, together.</summary>
    public MemorySample? SampleServerMemory()
    {
        if (_redis is null || _peer is null || MemorySample.Read(_redis.ProcessId) is not { } redis || MemorySample.Read(_peer.ProcessId) is not { } node)
        {
            return null;
        }

        return new MemorySample(redis.RssBytes + node.RssBytes, redis.PeakRssBytes + node.PeakRssBytes);
    }

    public async ValueTask DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
            _peer = null;
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
            _redis = null;
        }
    }

    private BullMqProcess Peer => _peer ?? throw new InvalidOperationException($"{Name} is not started.");
}
