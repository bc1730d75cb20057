using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TaskCenter.Core.Push;

namespace TaskCenter.Core.Tests.Push;

/// <summary>The push handler against a real receiver on loopback: the address check on the connection, no redirects, certificates validated.</summary>
public sealed class PushHttpTests
{
    private static readonly IPNetwork[] LoopbackNetworks = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    [Fact]
    public async Task A_target_in_an_allowed_network_is_reached()
    {
        using var receiver = Receiver.Start("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var http = new HttpClient(PushHttp.CreateHandler(new PushTargets(["http://localhost:*"], LoopbackNetworks)));

        using var answer = await http.PostAsync(receiver.Url("localhost"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal(1, receiver.Requests);
    }

    [Fact]
    public async Task A_name_resolving_to_an_address_no_network_allows_is_not_connected_to_whatever_the_url_allows()
    {
        using var receiver = Receiver.Start("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var http = new HttpClient(PushHttp.CreateHandler(new PushTargets(["http://localhost:*"], [])));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(receiver.Url("localhost"), new StringContent("{}")));

        Assert.Contains("none of which a push may connect to", failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, receiver.Requests);
    }

    [Fact]
    public async Task A_redirect_is_answered_not_followed()
    {
        using var elsewhere = Receiver.Start("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var receiver = Receiver.Start(
            $"HTTP/1.1 307 Temporary Redirect\r\nLocation: {elsewhere.Url("127.0.0.1")}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var http = new HttpClient(PushHttp.CreateHandler(new PushTargets(["http://127.0.0.1:*"], LoopbackNetworks)));

        using var answer = await http.PostAsync(receiver.Url("127.0.0.1"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, answer.StatusCode);
        Assert.Equal(0, elsewhere.Requests);
    }

    [Fact]
    public async Task An_https_target_whose_certificate_is_not_trusted_is_refused_before_any_request_is_sent()
    {
        using var certificate = SelfSignedCertificate("localhost");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var served = ServeTlsOnceAsync(listener, certificate);
        using var http = new HttpClient(PushHttp.CreateHandler(new PushTargets(["https://localhost:*"], LoopbackNetworks)));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(new Uri($"https://localhost:{port}/hooks"), new StringContent("{}")));

        Assert.IsType<AuthenticationException>(failure.InnerException);
        Assert.False(await served, "the receiver read a request over a connection whose certificate the pusher should have refused");
    }

    /// <summary>Accepts one connection, completes the TLS handshake if the client does, and says whether a request came.</summary>
    private static async Task<bool> ServeTlsOnceAsync(TcpListener listener, X509Certificate2 certificate)
    {
        using var client = await listener.AcceptTcpClientAsync();
        await using var tls = new SslStream(client.GetStream());
        try
        {
            await tls.AuthenticateAsServerAsync(certificate);
            return await tls.ReadAsync(new byte[1]) > 0;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return false;
        }
    }

    private static X509Certificate2 SelfSignedCertificate(string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            $"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // SslStream on Linux takes the private key from a PKCS#12 load, not from the ephemeral key of CreateSelfSigned.
        return X509CertificateLoader.LoadPkcs12(
            created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A loopback HTTP receiver that answers every request with one fixed response and counts the requests.</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly byte[] _response;
        private int _requests;

        private Receiver(string response) => _response = Encoding.ASCII.GetBytes(response);

        public int Requests => Volatile.Read(ref _requests);

        public static Receiver Start(string response)
        {
            var receiver = new Receiver(response);
            receiver._listener.Start();
            _ = receiver.AcceptAsync();
            return receiver;
        }

        public Uri Url(string host) => new($"http://{host}:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook");

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync();
                    var stream = client.GetStream();
                    var request = new StringBuilder();
                    var buffer = new byte[4096];
                    while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer);
                        if (read == 0)
                        {
                            break;
                        }

                        request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    Interlocked.Increment(ref _requests);
                    await stream.WriteAsync(_response);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
            {
                // Stopped.
            }
        }
    }
}
