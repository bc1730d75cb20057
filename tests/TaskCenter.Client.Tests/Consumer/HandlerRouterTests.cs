using TaskCenter.Client.Consumer;

namespace TaskCenter.Client.Tests.Consumer;

public class HandlerRouterTests
{
    private static TaskHandler Handler() => (_, _) => Task.CompletedTask;

    [Fact]
    public void A_name_goes_to_its_exact_tag_then_the_longest_prefix_it_starts_with_then_star()
    {
        var (exact, billing, eu, all) = (Handler(), Handler(), Handler(), Handler());
        var router = new HandlerRouter();
        router.Add("billing.invoice", exact);
        router.Add("billing.*", billing);
        router.Add("billing.eu.*", eu);
        router.Add("*", all);

        Assert.Same(exact, router.Find("billing.invoice"));
        Assert.Same(eu, router.Find("billing.eu.vat"));
        Assert.Same(billing, router.Find("billing.refund"));
        Assert.Same(all, router.Find("billing"));
        Assert.Same(all, router.Find("shipping"));
    }

    [Fact]
    public void The_subscription_is_the_union_of_tags_and_prefixes_or_star()
    {
        var router = new HandlerRouter();
        router.Add("invoice || billing.*", Handler());
        router.Add("audit", Handler());

        Assert.Equal("invoice || audit || billing.*", router.SubscriptionExpression);
        Assert.Equal(["invoice", "audit", "billing.*"], router.SubscribedTags);
        Assert.Null(router.Find("other"));

        router.Add("*", Handler());
        Assert.Equal("*", router.SubscriptionExpression);
        Assert.Empty(router.SubscribedTags);
    }

    [Theory]
    [InlineData("billing.* || x", "billing.*")]
    [InlineData("x || invoice", "invoice")]
    public void A_tag_or_prefix_registered_twice_is_refused(string second, string named)
    {
        var router = new HandlerRouter();
        router.Add("invoice || billing.*", Handler());

        var error = Assert.Throws<ArgumentException>(() => router.Add(second, Handler()));
        Assert.Contains($"'{named}'", error.Message, StringComparison.Ordinal);
        Assert.Null(router.Find("x")); // nothing of the refused expression was added
    }

    [Theory]
    [InlineData("bil*ing")]
    [InlineData("a || *b")]
    public void A_star_anywhere_but_at_the_end_of_a_prefix_is_refused(string expression) =>
        Assert.Contains("'*' may only end a prefix", Assert.Throws<ArgumentException>(() => new HandlerRouter().Add(expression, Handler())).Message, StringComparison.Ordinal);
}
