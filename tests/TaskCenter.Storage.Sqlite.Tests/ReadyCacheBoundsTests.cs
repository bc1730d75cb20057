using TaskCenter.Core.Limits;
using TaskCenter.Storage.Sqlite.Ledger;

namespace TaskCenter.Storage.Sqlite.Tests;

/// <summary>The ready cache holds at most its entries a group and its bytes in all: what it leaves out, the file delivers.</summary>
public sealed class ReadyCacheBoundsTests
{
    private static readonly ResponseBudget Unbounded = new(int.MaxValue, long.MaxValue);

    [Fact]
    public void Payloads_beyond_the_byte_bound_are_left_to_the_file_and_room_comes_back_as_entries_leave()
    {
        // 200 bytes: two payloads of 40 characters (80 bytes each as .NET strings), not three.
        var cache = new ReadyDeliveryCache(capacityPerGroup: 100, maxBytes: 200);
        var fires = Enumerable.Range(0, 3).Select(i => Fire(i, new string('x', 40))).ToList();

        cache.Add([.. fires.Select(f => new RoutedFire("g", f))]);
        var first = cache.TakeDue("g", 10, Unbounded, Build.T0);
        cache.Add([new RoutedFire("g", fires[2])]);
        var second = cache.TakeDue("g", 10, Unbounded, Build.T0);

        Assert.Equal([fires[0].MsgId, fires[1].MsgId], first.Select(f => f.MsgId));
        Assert.Equal([fires[2].MsgId], second.Select(f => f.MsgId));
    }

    [Fact]
    public void A_fire_waiting_for_several_groups_counts_once_for_each()
    {
        var cache = new ReadyDeliveryCache(capacityPerGroup: 100, maxBytes: 100);
        var fire = Fire(0, new string('x', 40));

        cache.Add([new RoutedFire("a", fire), new RoutedFire("b", fire)]);

        Assert.Single(cache.TakeDue("a", 10, Unbounded, Build.T0));
        Assert.Empty(cache.TakeDue("b", 10, Unbounded, Build.T0));
    }

    [Fact]
    public void Forgotten_and_claimed_entries_give_their_room_back()
    {
        var cache = new ReadyDeliveryCache(capacityPerGroup: 100, maxBytes: 100);
        var (a, b, c) = (Fire(0, new string('x', 40)), Fire(1, new string('y', 40)), Fire(2, new string('z', 40)));

        cache.Add([new RoutedFire("g", a)]);
        cache.Forget("g", [a.MsgId]);
        cache.Add([new RoutedFire("g", b)]);
        Assert.True(cache.Claim("g", b.MsgId));
        cache.Add([new RoutedFire("g", c)]);

        Assert.Equal([c.MsgId], cache.TakeDue("g", 10, Unbounded, Build.T0).Select(f => f.MsgId));
    }

    private static Core.Storage.FireRecord Fire(int i, string data) =>
        Build.Fire(Build.Task("bounds", data: data, createdAt: i), Build.T0, msgId: $"6b07988cf068bd9b6883764{i}");
}
