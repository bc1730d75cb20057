using TaskCenter.Core.Delivery;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.StorageContract;

/// <summary>The server-instance registry: heartbeats replace the instance's last one; instances not seen lately are forgotten.</summary>
public abstract class InstanceRegistryContract(StorageHarness db) : StorageContract(db)
{
    private static readonly DateTimeOffset LongAgo = Build.T0.AddYears(-1);

    private static InstanceHeartbeat Beat(string id, DateTimeOffset startedAt, DateTimeOffset seenAt, string health = "healthy", MinuteCounts? fires = null) => new()
    {
        Id = id,
        Host = "host-" + id,
        ProcessId = 4242,
        Version = "1.2.3",
        StartedAt = startedAt,
        SeenAt = seenAt,
        Health = health,
        Fires = fires ?? MinuteCounts.Empty,
    };

    /// <summary>Heartbeats compared whole (MinuteCounts holds a list, compared by its encoding).</summary>
    private static void AssertBeats(IEnumerable<InstanceHeartbeat> expected, IEnumerable<InstanceHeartbeat> actual)
    {
        static (InstanceHeartbeat, string) Key(InstanceHeartbeat beat) => (beat with { Fires = MinuteCounts.Empty }, beat.Fires.Encode());
        Assert.Equal(expected.Select(Key), actual.Select(Key));
    }

    [Fact]
    public async Task Heartbeats_are_listed_most_recently_started_first_and_a_new_one_replaces_the_last()
    {
        var store = await Db.OpenAsync();
        Assert.Empty(await store.Instances.ListInstancesAsync(CancellationToken.None));
        var first = Beat("a", Build.T0, Build.T0.AddSeconds(1), fires: new MinuteCounts(28_333_333, [1, 0, 5]));
        var second = Beat("b", Build.T0.AddSeconds(5), Build.T0.AddSeconds(6));
        var sameStart = Beat("c", Build.T0.AddSeconds(5), Build.T0.AddSeconds(7));

        await store.Instances.BeatAsync(first, LongAgo, CancellationToken.None);
        await store.Instances.BeatAsync(sameStart, LongAgo, CancellationToken.None);
        await store.Instances.BeatAsync(second, LongAgo, CancellationToken.None);
        AssertBeats([second, sameStart, first], await store.Instances.ListInstancesAsync(CancellationToken.None));

        var again = first with
        {
            SeenAt = Build.T0.AddSeconds(11),
            Health = "broker unreachable",
            Host = "moved",
            Version = "1.2.4",
            ProcessId = 7,
            Fires = new MinuteCounts(28_333_334, [0, 5, 9, 1_000_000]),
        };
        await store.Instances.BeatAsync(again, LongAgo, CancellationToken.None);

        AssertBeats([second, sameStart, again], await store.Instances.ListInstancesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_heartbeat_forgets_the_instances_not_seen_since_the_time_given()
    {
        var store = await Db.OpenAsync();
        var stale = Beat("stale", Build.T0, Build.T0.AddSeconds(1));
        var edge = Beat("edge", Build.T0, Build.T0.AddSeconds(30));
        var fresh = Beat("fresh", Build.T0.AddSeconds(2), Build.T0.AddSeconds(40));
        foreach (var beat in new[] { stale, edge })
        {
            await store.Instances.BeatAsync(beat, LongAgo, CancellationToken.None);
        }

        await store.Instances.BeatAsync(fresh, Build.T0.AddSeconds(30), CancellationToken.None);

        AssertBeats([fresh, edge], await store.Instances.ListInstancesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Instances_are_shared_by_every_store_on_the_same_storage()
    {
        var one = await Db.OpenAsync();
        var other = await Db.OpenAsync();
        var beat = Beat("a", Build.T0, Build.T0.AddSeconds(1), fires: new MinuteCounts(1, [2]));

        await one.Instances.BeatAsync(beat, LongAgo, CancellationToken.None);

        AssertBeats([beat], await other.Instances.ListInstancesAsync(CancellationToken.None));
    }
}
