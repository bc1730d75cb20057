using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Tests.Queue;

public class TagPatternTests
{
    private static TagPattern Parse(string text) =>
        TagPattern.TryParse(text, out var pattern, out var error) ? pattern : throw new ArgumentException(error);

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
        Assert.Same(TagPattern.Everything, Parse("*"));
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
        var within = CodePoints.Compare(pattern.First, name) <= 0 && CodePoints.Compare(name, pattern.Last) <= 0;

        Assert.Equal(matches, within);
        Assert.Equal(matches, pattern.Matches(name));
    }

    private static class CodePoints
    {
        public static int Compare(string a, string b) =>
            System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b));
    }
}
