using TaskCenter.Core.Queue;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Tests.Queue;

public class TagFilterTests
{
    private static TagFilter Parse(string expression)
    {
        Assert.True(TagFilter.TryParse(expression, out var filter, out var error), error);
        return filter;
    }

    private static NamePattern[] Patterns(params string[] patterns) =>
        [.. patterns.Select(text => NamePattern.TryParse(text, out var pattern, out var error) ? pattern : throw new ArgumentException(error))];

    [Theory]
    [InlineData("*", "*")]
    [InlineData(" tag2 ||tag1 || tag2 ", "tag1 || tag2")]
    [InlineData("billing.* || audit", "audit || billing.*")]
    [InlineData("a.b || a.* || a.b.* || b", "a.* || b")]
    [InlineData("a || a*", "a*")]
    [InlineData("ab* || a*", "a*")]
    [InlineData("a.* || *", "*")]
    [InlineData("a.*||a.b||b.c", "a.* || b.c")]
    public void The_canonical_form_is_sorted_and_drops_what_another_pattern_covers(string expression, string canonical) =>
        Assert.Equal(canonical, Parse(expression).Expression);

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("a || ", "has an empty tag")]
    [InlineData("a b", "'a b' is not a valid name")]
    [InlineData("bil*ing", "pattern 'bil*ing' may hold '*' only at its end")]
    [InlineData("**", "pattern '**' may hold '*' only at its end")]
    [InlineData("a#*", "pattern 'a#*' is not a name prefix")]
    public void Invalid_expressions_say_why(string expression, string error)
    {
        Assert.False(TagFilter.TryParse(expression, out _, out var why));
        Assert.Contains(error, why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("billing.*", "billing.invoice", true)]
    [InlineData("billing.*", "billing.", true)]
    [InlineData("billing.*", "billing", false)]
    [InlineData("billing.*", "billingx", false)]
    [InlineData("bill*", "billing", true)]
    [InlineData("invoice || refund", "refund", true)]
    [InlineData("invoice || refund", "invoices", false)]
    [InlineData("*", "anything", true)]
    public void Matches_exact_tags_and_prefixes(string expression, string tag, bool matches) =>
        Assert.Equal(matches, Parse(expression).Matches(tag));

    [Fact]
    public void Nothing_matches_nothing_and_is_read_back_from_its_stored_form()
    {
        Assert.False(TagFilter.Nothing.Matches("a"));
        Assert.Empty(TagFilter.Nothing.Patterns);
        Assert.Same(TagFilter.Nothing, TagFilter.ParseStored("g", ""));
        Assert.Equal("a || b.*", TagFilter.ParseStored("g", "a || b.*").Expression);
        Assert.Contains("'g'", Assert.Throws<InvalidDataException>(() => TagFilter.ParseStored("g", "a b")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NarrowedTo_makes_star_the_scope_and_leaves_other_filters_as_they_are()
    {
        var scope = Patterns("shipping", "billing.*", "billing.eu.*");

        Assert.Equal("billing.* || shipping", Parse("*").NarrowedTo(scope).Expression);
        var narrow = Parse("billing.invoice");
        Assert.Same(narrow, narrow.NarrowedTo(scope));
        Assert.True(Parse("*").NarrowedTo(Patterns("*")).MatchesAll);
    }
}
