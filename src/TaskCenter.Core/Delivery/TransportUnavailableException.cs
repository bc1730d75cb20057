namespace TaskCenter.Core.Delivery;

/// <summary>
/// The external transport (RabbitMQ) cannot take a message now: unreachable, not confirming, or without the queue
/// the message must go to. Nothing was moved; the call may be repeated. The server answers it with 503.
/// </summary>
public sealed class TransportUnavailableException : Exception
{
    public TransportUnavailableException()
        : this("the message transport is unavailable")
    {
    }

    public TransportUnavailableException(string message)
        : base(message)
    {
    }

    public TransportUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
