using TaskCenter.Core.Limits;

namespace TaskCenter.Core.Tests.Limits;

public class PayloadBudgetTests
{
    [Fact]
    public void Items_are_taken_until_the_next_would_go_over_and_then_none()
    {
        var budget = new PayloadBudget(10);

        Assert.True(budget.TryTake("aaaa"));
        Assert.True(budget.TryTake("bbbbbb"));
        Assert.False(budget.TryTake("c"));
        Assert.True(budget.IsSpent);
        Assert.False(budget.TryTake(""));
    }

    [Fact]
    public void The_first_item_is_taken_however_large()
    {
        var budget = new PayloadBudget(1);

        Assert.True(budget.TryTake(new string('x', 100)));
        Assert.False(budget.TryTake("y"));
    }

    [Fact]
    public void Payloads_are_counted_in_UTF8_bytes()
    {
        var budget = new PayloadBudget(4);

        Assert.True(budget.TryTake("é")); // 2 bytes
        Assert.True(budget.TryTake("é"));
        Assert.False(budget.TryTake("e"));
    }
}
