using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Tests.Tasks;

public sealed class NameOrderTests
{
    [Fact]
    public void Names_compare_by_code_point_not_by_utf16_code_unit()
    {
        // U+1F600 is a surrogate pair (D83D DE00), below U+FF21 in UTF-16 but above it by code point.
        Assert.True(string.CompareOrdinal("\U0001F600", "\uFF21") < 0);
        Assert.True(NameOrder.Compare("\U0001F600", "\uFF21") > 0);
        Assert.True(NameOrder.Compare("B", "a") < 0);
        Assert.True(NameOrder.Compare("rep", "rep.x") < 0);
        Assert.Equal(0, NameOrder.Compare("é", "é"));
    }
}
