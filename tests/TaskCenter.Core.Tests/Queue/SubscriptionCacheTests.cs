using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Tests.Queue;

public class SubscriptionCacheTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static TagFilter Filter(string expression) =>
        TagFilter.TryParse(expression, out var filter, out var error) ? filter : throw new ArgumentException(error);

    [Fact]
    public void A_subscription_written_here_is_held_until_the_recheck_is_due()
    {
        var cache = new SubscriptionCache();
        cache.Stored("g", Filter("b || a"), T0);

        Assert.True(cache.Holds("g", Filter("a || b"), T0 + SubscriptionCache.Recheck - TimeSpan.FromTicks(1)));
        Assert.False(cache.Holds("g", Filter("a || b"), T0 + SubscriptionCache.Recheck));
    }

    [Fact]
    public void Another_filter_or_another_group_is_not_held()
    {
        var cache = new SubscriptionCache();
        cache.Stored("g", Filter("a"), T0);

        Assert.False(cache.Holds("g", Filter("a || b"), T0));
        Assert.False(cache.Holds("h", Filter("a"), T0));
    }

    [Fact]
    public void A_forgotten_group_is_asked_again()
    {
        var cache = new SubscriptionCache();
        cache.Stored("g", TagFilter.All, T0);

        cache.Forget("g");

        Assert.False(cache.Holds("g", TagFilter.All, T0));
    }
}
