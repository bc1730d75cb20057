using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Tests.Queue;

public class SubscriptionLimitsTests
{
    private static readonly LimitOptions Limits = new() { MaxTagExpressionLength = 20, MaxTagsPerSubscription = 3, MaxGroups = 5, MaxGroupsPerKey = 2 };

    [Theory]
    [InlineData("a || b || c", "a || b || c")]
    [InlineData("a* || ab || ac || ad", "a*")]
    [InlineData("*", "*")]
    public void An_expression_within_the_limits_is_parsed(string expression, string canonical)
    {
        Assert.True(SubscriptionLimits.TryParse(expression, Limits, out var filter, out var error), error);
        Assert.Equal(canonical, filter.Expression);
    }

    [Fact]
    public void A_long_expression_is_refused_before_it_is_read_naming_the_limit()
    {
        Assert.False(SubscriptionLimits.TryParse("a || b || " + new string(' ', 20) + "#", Limits, out _, out var error));
        Assert.Equal("is 31 characters long; at most 20 are allowed (Limits:MaxTagExpressionLength)", error);
    }

    [Fact]
    public void Too_many_tags_are_refused_naming_the_limit_and_what_to_do()
    {
        Assert.False(SubscriptionLimits.TryParse("a || b || c || d", Limits, out var filter, out var error));
        Assert.StartsWith("names 4 tags; a subscription may name at most 3 (Limits:MaxTagsPerSubscription)", error, StringComparison.Ordinal);
        Assert.Contains("prefix", error, StringComparison.Ordinal);
        Assert.Same(TagFilter.Nothing, filter);
    }

    [Fact]
    public void Refusals_name_the_group_the_limit_and_how_to_make_room()
    {
        var server = SubscriptionLimits.Refusal(SubscribeResult.TooManyGroups, "g9", "k", Limits);
        var key = SubscriptionLimits.Refusal(SubscribeResult.TooManyGroupsForKey, "g9", "k", Limits);

        Assert.Contains("group 'g9' would be new, and the server holds 5 consumer groups, its limit (Limits:MaxGroups)", server, StringComparison.Ordinal);
        Assert.Contains("key 'k' created 2 consumer groups, its limit (Limits:MaxGroupsPerKey)", key, StringComparison.Ordinal);
        Assert.All(new[] { server, key }, message => Assert.Contains("DELETE /v1/api/groups/{group}", message, StringComparison.Ordinal));
        Assert.Throws<ArgumentOutOfRangeException>(() => SubscriptionLimits.Refusal(SubscribeResult.Subscribed, "g", null, Limits));
    }
}
