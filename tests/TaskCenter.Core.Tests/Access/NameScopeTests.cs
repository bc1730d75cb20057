using TaskCenter.Core.Access;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Tests.Access;

public sealed class NameScopeTests
{
    [Fact]
    public void A_scope_drops_covered_patterns_and_keeps_name_order()
    {
        var scope = Scope("shipping.*", "billing.eu.*", "billing.*", "audit.daily", "billing.invoice");

        Assert.Equal("audit.daily, billing.*, shipping.*", scope.ToString());
        Assert.False(scope.IsEverything);
        Assert.True(Scope("*", "billing.*").IsEverything);
    }

    [Fact]
    public void Name_order_is_code_point_order_as_the_stores_sort()
    {
        // UTF-16 order puts U+10400 (a surrogate pair) before U+FF41; code points (and UTF-8 bytes) the other way round.
        var scope = Scope("\U00010400*", "\uFF41*");

        Assert.Equal(["\uFF41", "\U00010400"], scope.Patterns.Select(p => p.Value));
    }

    [Fact]
    public void The_part_of_a_scope_within_a_filter_is_what_a_listing_walks()
    {
        var scope = Scope("billing.*", "reports.daily", "shipping.*");

        Assert.Equal(["billing.eu*"], scope.Within(Parse("billing.eu*")).Select(p => p.ToString()));
        Assert.Equal(["reports.daily"], scope.Within(Parse("rep*")).Select(p => p.ToString()));
        Assert.Equal(["billing.*", "reports.daily", "shipping.*"], scope.Within(NamePattern.Everything).Select(p => p.ToString()));
        Assert.Empty(scope.Within(Parse("audit.*")));
        Assert.Equal(["billing.x"], scope.Within(NamePattern.Exact("billing.x")).Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("billing.invoice", true)]
    [InlineData("billing.eu.*", true)]
    [InlineData("shipping", true)]
    [InlineData("ship", false)]
    [InlineData("billing", false)]
    [InlineData("bill*", false)]
    [InlineData("*", false)]
    public void A_scope_covers_a_pattern_when_one_of_its_own_covers_it(string pattern, bool covered) =>
        Assert.Equal(covered, Scope("billing.*", "shipping").Covers(Parse(pattern)));

    [Fact]
    public void An_empty_scope_matches_nothing()
    {
        var scope = NameScope.Of([]);

        Assert.False(scope.Matches("billing.invoice"));
        Assert.Empty(scope.Within(NamePattern.Everything));
    }

    private static NamePattern Parse(string text) =>
        NamePattern.TryParse(text, out var pattern, out var error) ? pattern : throw new ArgumentException(error);

    private static NameScope Scope(params string[] patterns) => NameScope.Of(patterns.Select(Parse));
}
