using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Tests.Queue;

public class SubscriptionRuleTests
{
    private static TagFilter Filter(string expression) =>
        TagFilter.TryParse(expression, out var filter, out var error) ? filter : throw new ArgumentException(error);

    [Fact]
    public void A_group_that_does_not_exist_is_new() =>
        Assert.Equal(SubscriptionChange.NewGroup, SubscriptionRule.Compare(null, TagFilter.All));

    [Fact]
    public void The_same_subscription_in_any_spelling_is_unchanged() =>
        Assert.Equal(SubscriptionChange.Unchanged, SubscriptionRule.Compare("a || b.*", Filter(" b.* ||a || b.c ")));

    [Fact]
    public void Another_subscription_is_a_change() =>
        Assert.Equal(SubscriptionChange.Changed, SubscriptionRule.Compare("a", Filter("a || b")));

    [Fact]
    public void A_group_left_with_nothing_changes_when_it_subscribes_again() =>
        Assert.Equal(SubscriptionChange.Changed, SubscriptionRule.Compare(TagFilter.Nothing.Expression, TagFilter.All));
}
