using System.Buffers.Text;
using System.Text;
using TaskCenter.Core.Storage;

namespace TaskCenter.Core.Tests.Storage;

public sealed class TaskCursorTests
{
    private const string Id = "0123456789abcdef01234567";

    [Fact]
    public void A_token_gives_back_the_sort_key_it_was_made_from()
    {
        var cursor = new TaskCursor("billing.invoice.with.dots", DateTimeOffset.FromUnixTimeSeconds(1_700_000_123), Id);

        Assert.True(TaskCursor.TryDecode(cursor.Encode(), out var decoded));

        Assert.Equal(cursor, decoded);
    }

    [Fact]
    public void The_token_carries_the_creation_time_as_unix_seconds_so_earlier_tokens_still_read()
    {
        Assert.True(TaskCursor.TryDecode(Token($"{Id}.1700000123.report"), out var decoded));

        Assert.Equal(new TaskCursor("report", DateTimeOffset.FromUnixTimeSeconds(1_700_000_123), Id), decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    public void Anything_but_a_token_is_refused(string token) => Assert.False(TaskCursor.TryDecode(token, out _));

    [Theory]
    [InlineData(Id + ".-5.report")]
    [InlineData(Id + ".253402300800.report")]
    [InlineData(Id + ".99999999999999999999.report")]
    [InlineData("nothex.5.report")]
    [InlineData(Id + ".5")]
    public void A_token_whose_parts_are_not_a_sort_key_is_refused(string text) =>
        Assert.False(TaskCursor.TryDecode(Token(text), out _));

    private static string Token(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
