using TaskCenter.Core.Push;

namespace TaskCenter.Core.Tests.Push;

/// <summary>The columns a push group is stored in, and what a store does with columns it cannot read.</summary>
public sealed class StoredPushGroupTests
{
    private static StoredPushGroup Row(string tags = "a || b.*", string headers = """{"X-A":"1"}""") =>
        new("g", tags, "http://127.0.0.1:9000/hook", "application/json", 10_000, 16, headers, "whsec_x", null, 1_700_000_000_123);

    [Fact]
    public void The_columns_read_back_to_the_group_they_were_written_from()
    {
        var group = Row().ToGroup();

        Assert.Equal(Row(), StoredPushGroup.From(group));
        Assert.Equal("a || b.*", group.Tags.Expression);
        Assert.Equal(TimeSpan.FromSeconds(10), group.Push.Timeout);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), group.UpdatedAt);
        Assert.Equal("1", group.Push.Headers["X-A"]);
    }

    [Theory]
    [InlineData("""{"X-A":1}""")]
    [InlineData("""["X-A"]""")]
    [InlineData("null")]
    [InlineData("{")]
    public void Headers_that_are_not_an_object_of_strings_name_the_group(string headers)
    {
        var error = Assert.Throws<InvalidDataException>(() => Row(headers: headers).ToGroup());

        Assert.Contains("'g'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_that_cannot_be_read_name_the_group()
    {
        var error = Assert.Throws<InvalidDataException>(() => Row(tags: "a ||").ToGroup());

        Assert.Contains("'g'", error.Message, StringComparison.Ordinal);
    }
}
