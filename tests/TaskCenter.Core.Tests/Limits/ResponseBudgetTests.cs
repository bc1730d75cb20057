using TaskCenter.Core.Limits;

namespace TaskCenter.Core.Tests.Limits;

public sealed class ResponseBudgetTests
{
    [Fact]
    public void Items_fit_while_their_bytes_stay_within_the_budget()
    {
        var budget = new ResponseBudget(maxItems: 10, maxBytes: 100);

        Assert.True(budget.TryTake(60));
        Assert.True(budget.TryTake(40)); // exactly the budget
        Assert.False(budget.TryTake(1));
        Assert.Equal((2, 100L), (budget.Items, budget.Bytes));
    }

    [Fact]
    public void The_first_item_fits_however_large_and_nothing_after_it()
    {
        var budget = new ResponseBudget(maxItems: 10, maxBytes: 100);

        Assert.True(budget.TryTake(5000));
        Assert.False(budget.TryTake(0));
        Assert.Equal(1, budget.Items);
    }

    [Fact]
    public void No_more_items_than_the_limit_fit()
    {
        var budget = new ResponseBudget(maxItems: 2, maxBytes: long.MaxValue);

        Assert.True(budget.TryTake(long.MaxValue - 1));
        Assert.True(budget.TryTake(1));
        Assert.False(budget.TryTake(0));
    }

    [Fact]
    public void After_an_item_that_does_not_fit_the_answer_is_full_and_takes_no_smaller_one()
    {
        var budget = new ResponseBudget(maxItems: 10, maxBytes: 10);

        Assert.True(budget.TryTake(6));
        Assert.False(budget.IsFull);
        Assert.False(budget.TryTake(5));
        Assert.True(budget.IsFull);
        Assert.False(budget.TryTake(1)); // nothing is skipped: the answer ended before the item that did not fit
    }

    [Fact]
    public void A_payload_is_counted_in_UTF8_bytes()
    {
        var budget = new ResponseBudget(maxItems: 10, maxBytes: 4);

        Assert.True(budget.TryTake("é")); // 2 bytes
        Assert.True(budget.TryTake("é"));
        Assert.False(budget.TryTake("e"));
        Assert.Equal(4, budget.Bytes);
    }
}
