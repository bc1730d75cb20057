using TaskCenter.Client.Consumer;

namespace TaskCenter.Client.Tests.Consumer;

/// <summary>A message's slot in the consumer: its handler slot, traded for a settling slot once the handler returned.</summary>
public sealed class HandlingSlotTests
{
    [Fact]
    public async Task A_returned_handler_keeps_its_slot_until_a_settling_slot_is_free_and_then_frees_it()
    {
        using var handlerSlots = new SemaphoreSlim(0, 1); // the one handler slot: this message's
        using var settlingSlots = new SemaphoreSlim(0, 1); // the one settling slot: another message's
        var slot = new HandlingSlot(handlerSlots, settlingSlots);

        var trading = slot.ToSettlingAsync();
        Assert.False(trading.IsCompleted);
        Assert.Equal(0, handlerSlots.CurrentCount);

        settlingSlots.Release(); // the other message was settled
        await trading.OrTimeout();
        Assert.Equal(1, handlerSlots.CurrentCount);
        Assert.Equal(0, settlingSlots.CurrentCount);

        slot.Release();
        Assert.Equal(1, handlerSlots.CurrentCount);
        Assert.Equal(1, settlingSlots.CurrentCount);
    }

    [Fact]
    public void A_message_released_while_its_handler_holds_the_slot_frees_the_handler_slot_once()
    {
        using var handlerSlots = new SemaphoreSlim(0, 1);
        using var settlingSlots = new SemaphoreSlim(1, 1);
        var slot = new HandlingSlot(handlerSlots, settlingSlots);

        slot.Release();
        slot.Release();

        Assert.Equal(1, handlerSlots.CurrentCount);
        Assert.Equal(1, settlingSlots.CurrentCount);
    }
}
