using System.Net.Sockets;
using RabbitMQ.Client.Exceptions;

namespace TaskCenter.Transport.RabbitMq.Broker;

/// <summary>Tells the failures of the broker (down, unreachable, closing the channel, not confirming) from faults of our own.</summary>
internal static class BrokerFailures
{
    public static bool IsBrokerFailure(Exception exception) =>
        exception is RabbitMQClientException or IOException or SocketException or TimeoutException;
}
