using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Tests.Queue;

public class ConsumerGroupPageTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void The_limit_counts_the_groups_taken_not_those_read()
    {
        var page = new ConsumerGroupPage(2, name => name.StartsWith("mine.", StringComparison.Ordinal));

        foreach (var name in new[] { "a", "mine.a", "b", "mine.b" })
        {
            Assert.False(page.IsFull);
            page.Offer(name, "*", owner: null, T0);
        }

        Assert.True(page.IsFull);
        Assert.Equal(["mine.a", "mine.b"], page.Groups.Select(g => g.Name));
    }

    [Fact]
    public void A_group_is_taken_as_stored()
    {
        var page = new ConsumerGroupPage(10, _ => true);

        page.Offer("g", "b.* || a", "key", T0);
        page.Offer("suspended", "", null, T0);

        Assert.Equal(
            [("g", "a || b.*", "key", T0), ("suspended", "", null, T0)],
            page.Groups.Select(g => (g.Name, g.Subscription.Expression, g.Owner, g.SubscribedAt)));
    }
}
