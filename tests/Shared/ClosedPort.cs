using System.Net;
using System.Net.Sockets;

namespace TaskCenter.Testing;

/// <summary>A loopback port nobody listens on (yet): connections to it are refused at once.</summary>
public static class ClosedPort
{
    public static int Take()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
