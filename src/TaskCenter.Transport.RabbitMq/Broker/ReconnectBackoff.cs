namespace TaskCenter.Transport.RabbitMq.Broker;

/// <summary>A pause that doubles after each failure, up to a limit, and starts over after a success.</summary>
internal sealed class ReconnectBackoff(RabbitMqTransportOptions options)
{
    private TimeSpan _next = options.ReconnectDelay;

    /// <summary>The pause to take now; the next one is twice as long.</summary>
    public TimeSpan Next()
    {
        var pause = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, options.MaxReconnectDelay.Ticks));
        return pause;
    }

    public void Reset() => _next = options.ReconnectDelay;
}
