using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Tests.Tasks;

public sealed class NamePatternTests
{
    private static NamePattern Parse(string text) =>
        NamePattern.TryParse(text, out var pattern, out var error) ? pattern : throw new ArgumentException(error);

    [Theory]
    [InlineData("invoice", "invoice", true)]
    [InlineData("invoice", "invoices", false)]
    [InlineData("invoice", "invoice*", false)]
    [InlineData("billing.*", "billing.invoice", true)]
    [InlineData("billing.*", "billing.eu.*", true)]
    [InlineData("billing.*", "billing.*", true)]
    [InlineData("billing.*", "billing*", false)]
    [InlineData("billing.*", "billing", false)]
    [InlineData("bill*", "billing.*", true)]
    [InlineData("*", "anything.*", true)]
    [InlineData("*", "x", true)]
    [InlineData("billing.eu.*", "billing.*", false)]
    public void Covers_exact_names_and_longer_prefixes(string pattern, string other, bool covers) =>
        Assert.Equal(covers, Parse(pattern).Covers(Parse(other)));

    [Fact]
    public void Parsing_keeps_the_prefix_and_says_what_it_is()
    {
        var prefix = Parse("billing.*");
        var exact = Parse("billing");

        Assert.Equal(("billing.", true, "billing.*"), (prefix.Value, prefix.IsPrefix, prefix.ToString()));
        Assert.Equal(("billing", false, "billing"), (exact.Value, exact.IsPrefix, exact.ToString()));
        Assert.True(Parse("*").MatchesEverything);
        Assert.Same(NamePattern.Everything, Parse("*"));
    }

    /// <summary>Stores find a pattern's names by one range of a name index, compared as UTF-8 bytes (code points).</summary>
    [Theory]
    [InlineData("billing.*", "billing.", true)]
    [InlineData("billing.*", "billing.zz", true)]
    [InlineData("billing.*", "billing.ｚ", true)]
    [InlineData("billing.*", "billing.\U0001D400", true)]
    [InlineData("billing.*", "billing", false)]
    [InlineData("billing.*", "billing/", false)]
    [InlineData("billing.*", "billinh", false)]
    [InlineData("invoice", "invoice", true)]
    [InlineData("invoice", "invoice.x", false)]
    [InlineData("*", "ｚｚ", true)]
    public void A_pattern_matches_exactly_the_names_between_its_first_and_last_in_code_point_order(string text, string name, bool matches)
    {
        var pattern = Parse(text);
        var within = NameOrder.Compare(pattern.First, name) <= 0 && NameOrder.Compare(name, pattern.Last) <= 0;

        Assert.Equal(matches, within);
        Assert.Equal(matches, pattern.Matches(name));
    }

    [Theory]
    [InlineData("bill*ing", "pattern 'bill*ing' may hold '*' only at its end")]
    [InlineData("billing.**", "pattern 'billing.**' may hold '*' only at its end")]
    [InlineData("billing invoice", "'billing invoice' is not a valid name: it may only hold")]
    [InlineData("a|b*", "pattern 'a|b*' is not a name prefix: it may only hold")]
    [InlineData("", "'' is not a valid name: it must not be empty")]
    public void Anything_else_is_refused_with_the_reason(string text, string expected)
    {
        Assert.False(NamePattern.TryParse(text, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("billing.*", "Billing.invoice", false)]
    [InlineData("billing.invoice", "billing.invoice2", false)]
    [InlineData("billing.invoice", "billing.invoice", true)]
    public void Matching_is_case_sensitive(string pattern, string name, bool matches) =>
        Assert.Equal(matches, Parse(pattern).Matches(name));

    [Theory]
    [InlineData("billing.*", "billing.eu.*", "billing.eu.*")]
    [InlineData("billing.eu.*", "billing.*", "billing.eu.*")]
    [InlineData("billing.*", "billing.invoice", "billing.invoice")]
    [InlineData("*", "reports.daily", "reports.daily")]
    [InlineData("billing.*", "shipping.*", null)]
    [InlineData("billing.invoice", "billing.refund", null)]
    public void The_intersection_of_two_patterns_is_the_narrower_or_none(string a, string b, string? expected) =>
        Assert.Equal(expected, Parse(a).Intersect(Parse(b))?.ToString());
}
