using System.Net;
using System.Net.Sockets;

namespace TaskCenter.Core.Push;

/// <summary>
/// The HTTP handler push requests go through: redirects are not followed (a redirect answer is a failed push, so a
/// target cannot send a request somewhere the operator did not allow), certificates are validated as always, and each
/// connection is made only to an address <see cref="PushTargets.MayConnect"/> allows — checked on the addresses the
/// host name resolves to at that moment, so a name that later resolves elsewhere reaches nothing new. Pooled
/// connections are renewed every few minutes, so a target's changed address is picked up.
/// </summary>
public static class PushHttp
{
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    public static SocketsHttpHandler CreateHandler(PushTargets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = ConnectionLifetime,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(targets, context.DnsEndPoint, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(PushTargets targets, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(targets.MayConnect).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException(
                $"{endPoint.Host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, none of which a push may " +
                "connect to: private, link-local and loopback addresses need Push:AllowedNetworks");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], endPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
