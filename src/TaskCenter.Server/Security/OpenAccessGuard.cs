using System.Net;

namespace TaskCenter.Server.Security;

/// <summary>
/// Without API keys the server runs open, which is only safe when nothing but this machine can reach it: it refuses to
/// start on any non-loopback address unless <c>Security:AllowAnonymous</c> says to run open anyway. It reads the
/// addresses from configuration, so it decides before Kestrel binds anything.
/// </summary>
public static class OpenAccessGuard
{
    public const string AllowAnonymousKey = "Security:AllowAnonymous";

    public static void Check(IConfiguration configuration, ApiKeyRing keys)
    {
        if (!keys.IsEmpty || configuration.GetValue<bool>(AllowAnonymousKey))
        {
            return;
        }

        if (ConfiguredAddresses(configuration).FirstOrDefault(address => !IsLoopback(address)) is { } exposed)
        {
            throw new InvalidOperationException(
                $"The server refuses to start: it would listen on {exposed}, which is not a loopback address, and no API keys " +
                $"are configured. Configure {ApiKeyRing.Section} (see docs/configuration.md, Security), or set " +
                $"{AllowAnonymousKey}=true to run open to the network.");
        }
    }

    /// <summary>Every address the server may bind: <c>Urls</c>, <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c> (all interfaces) and Kestrel endpoints.</summary>
    private static IEnumerable<string> ConfiguredAddresses(IConfiguration configuration)
    {
        foreach (var url in Split(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            yield return url;
        }

        foreach (var key in new[] { WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey })
        {
            foreach (var port in Split(configuration[key]))
            {
                yield return $"http://*:{port}";
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }

        if (address.IsUnixPipe || address.IsNamedPipe)
        {
            return true;
        }

        var host = address.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
