using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Tests.Queue;

public class SubscriptionIndexTests
{
    private static TagFilter Filter(string expression) =>
        TagFilter.TryParse(expression, out var filter, out var error) ? filter : throw new ArgumentException(error);

    private static SubscriptionIndex Index() => SubscriptionIndex.From(
    [
        ("all", TagFilter.All, null),
        ("billing", Filter("billing.* || audit"), "k1"),
        ("invoices", Filter("billing.invoice"), "k1"),
        ("eu", Filter("billing.eu.*"), "k2"),
    ]);

    [Theory]
    [InlineData("billing.invoice", new[] { "all", "billing", "invoices" })]
    [InlineData("billing.eu.vat", new[] { "all", "billing", "eu" })]
    [InlineData("audit", new[] { "all", "billing" })]
    [InlineData("billing", new[] { "all" })]
    public void A_tag_finds_every_group_once_by_exact_tag_and_by_prefix(string tag, string[] groups) =>
        Assert.Equal(groups, Index().GroupsFor(tag).Order(StringComparer.Ordinal));

    [Fact]
    public void A_change_replaces_the_groups_patterns_and_keeps_its_owner()
    {
        var before = Index();

        var after = before.With("billing", Filter("shipping.*"), "someone-else");

        Assert.Equal(["all", "invoices"], after.GroupsFor("billing.invoice").Order(StringComparer.Ordinal));
        Assert.Equal(["all", "billing"], after.GroupsFor("shipping.label").Order(StringComparer.Ordinal));
        Assert.Equal(2, after.CountOwnedBy("k1"));
        Assert.Equal(0, after.CountOwnedBy("someone-else"));
        Assert.Equal(["all", "billing", "invoices"], before.GroupsFor("billing.invoice").Order(StringComparer.Ordinal)); // snapshots stay as they were
    }

    [Fact]
    public void Removing_groups_removes_their_patterns_prefix_lengths_and_counts()
    {
        var index = Index().Without("all").Without("billing").Without("eu").Without("nobody");

        Assert.Empty(index.GroupsFor("audit"));
        Assert.Empty(index.GroupsFor("billing.eu.vat"));
        Assert.Equal(["invoices"], index.GroupsFor("billing.invoice"));
        Assert.Equal((1, 1, 0), (index.Count, index.CountOwnedBy("k1"), index.CountOwnedBy("k2")));
        Assert.Null(index.FilterOf("billing"));
    }

    [Fact]
    public void A_group_that_matches_nothing_is_counted_and_routes_nothing()
    {
        var index = SubscriptionIndex.Empty.With("suspended", TagFilter.Nothing, "k1");

        Assert.Empty(index.GroupsFor("anything"));
        Assert.Equal((1, 1), (index.Count, index.CountOwnedBy("k1")));
        Assert.Same(TagFilter.Nothing, index.FilterOf("suspended"));
    }
}
