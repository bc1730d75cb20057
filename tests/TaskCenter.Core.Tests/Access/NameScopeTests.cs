using TaskCenter.Core.Access;

namespace TaskCenter.Core.Tests.Access;

public sealed class NameScopeTests
{
    [Theory]
    [InlineData("billing.invoice", "billing.invoice", false)]
    [InlineData("billing.*", "billing.", true)]
    [InlineData("*", "", true)]
    [InlineData(" billing.* ", "billing.", true)]
    public void A_pattern_is_a_name_or_a_prefix_ending_in_a_star(string text, string expected, bool isPrefix)
    {
        Assert.True(NamePattern.TryParse(text, out var pattern, out var error), error);

        Assert.Equal(expected, pattern.Text);
        Assert.Equal(isPrefix, pattern.IsPrefix);
        Assert.Equal(text.Trim(), pattern.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("bill*ing")]
    [InlineData("billing.**")]
    [InlineData("billing invoice")]
    [InlineData("a|b")]
    public void Anything_else_is_refused_with_the_reason(string text)
    {
        Assert.False(NamePattern.TryParse(text, out _, out var error));

        Assert.Contains("is not a name or a prefix ending in *", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("billing.*", "billing.invoice", true)]
    [InlineData("billing.*", "billing.", true)]
    [InlineData("billing.*", "billing", false)]
    [InlineData("billing.*", "Billing.invoice", false)]
    [InlineData("billing.invoice", "billing.invoice", true)]
    [InlineData("billing.invoice", "billing.invoice2", false)]
    [InlineData("*", "anything", true)]
    public void Matching_is_by_prefix_or_exact_and_case_sensitive(string pattern, string name, bool matches) =>
        Assert.Equal(matches, Parse(pattern).Matches(name));

    [Theory]
    [InlineData("billing.*", "billing.eu.*", true)]
    [InlineData("billing.*", "billing.invoice", true)]
    [InlineData("billing.eu.*", "billing.*", false)]
    [InlineData("billing.invoice", "billing.invoice", true)]
    [InlineData("billing.invoice", "billing.invoice*", false)]
    [InlineData("*", "billing.*", true)]
    [InlineData("billing.*", "*", false)]
    public void A_pattern_covers_another_when_it_matches_every_name_the_other_does(string pattern, string other, bool covers) =>
        Assert.Equal(covers, Parse(pattern).Covers(Parse(other)));

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

        Assert.Equal(["\uFF41", "\U00010400"], scope.Patterns.Select(p => p.Text));
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
