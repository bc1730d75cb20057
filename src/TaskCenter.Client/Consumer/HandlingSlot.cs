namespace TaskCenter.Client.Consumer;

/// <summary>
/// The slot one received message holds in the <see cref="MessagePump"/>: a handler slot while its handler runs, then
/// (<see cref="ToSettlingAsync"/>) a settling slot while its acknowledgement or failure report is on its way, so the
/// next messages need not wait for that round trip; <see cref="Release"/> frees whichever it holds.
/// </summary>
internal sealed class HandlingSlot(SemaphoreSlim handlerSlots, SemaphoreSlim settlingSlots)
{
    private bool _handling = true;
    private bool _settling;

    /// <summary>Trades the handler slot for a settling slot, waiting while every settling slot is taken.</summary>
    public async Task ToSettlingAsync()
    {
        if (!_handling)
        {
            return;
        }

        await settlingSlots.WaitAsync().ConfigureAwait(false);
        _settling = true;
        _handling = false;
        handlerSlots.Release();
    }

    /// <summary>Frees the slot the message holds; once it was settled (or could not be).</summary>
    public void Release()
    {
        if (_handling)
        {
            _handling = false;
            handlerSlots.Release();
        }

        if (_settling)
        {
            _settling = false;
            settlingSlots.Release();
        }
    }
}
