using System.Net;
using System.Net.Sockets;

namespace TaskCenter.Core.Push;

/// <summary>
/// Where push requests may go: a target URL must start with one of the operator's allowed prefixes, and the address it
/// resolves to at connect time must be public unless one of the allowed networks holds it. The address is checked on the
/// connection itself, not on the URL's text, so a name that later resolves elsewhere (DNS rebinding) reaches nothing new.
/// </summary>
public sealed class PushTargets
{
    private readonly IReadOnlyList<string> _prefixes;
    private readonly IReadOnlyList<IPNetwork> _networks;

    /// <summary>The addresses that are not the public internet: private, shared, link-local, loopback, and the like.</summary>
    private static readonly IPNetwork[] NonPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    /// <param name="allowedPrefixes">URL prefixes a target must start with (<c>Push:AllowedTargets</c>).</param>
    /// <param name="allowedNetworks">Non-public networks a target may resolve to (<c>Push:AllowedNetworks</c>).</param>
    public PushTargets(IReadOnlyList<string> allowedPrefixes, IReadOnlyList<IPNetwork> allowedNetworks)
    {
        ArgumentNullException.ThrowIfNull(allowedPrefixes);
        ArgumentNullException.ThrowIfNull(allowedNetworks);
        _prefixes = allowedPrefixes;
        _networks = allowedNetworks;
    }

    /// <summary>What is wrong with <paramref name="url"/> as a push target; null when it may be used.</summary>
    public string? Check(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL";
        }

        if (target.UserInfo.Length > 0)
        {
            return "must not carry a user name or password (use push.headers)";
        }

        if (target.Fragment.Length > 0)
        {
            return "must not have a fragment (#...)";
        }

        return _prefixes.Any(prefix => Allows(prefix, target))
            ? null
            : $"is not among the allowed targets (Push:AllowedTargets: {(_prefixes.Count == 0 ? "none" : string.Join(", ", _prefixes))})";
    }

    /// <summary>Whether a connection to <paramref name="address"/> may be made: public, or in an allowed network.</summary>
    public bool MayConnect(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return false;
        }

        return _networks.Any(network => network.Contains(address)) || !NonPublic.Any(network => network.Contains(address));
    }

    /// <summary>
    /// Whether the allowed <paramref name="prefix"/> covers <paramref name="target"/>: the same scheme and host, the same
    /// port (any, for a prefix written with <c>:*</c>), and a path that starts with the prefix's where a segment ends, so
    /// <c>https://a.example/hooks</c> allows <c>https://a.example/hooks/x</c> but neither <c>https://a.example/hooksevil</c>
    /// nor <c>https://a.example.evil.test/</c>.
    /// </summary>
    private static bool Allows(string prefix, Uri target)
    {
        var anyPort = prefix.Contains(":*", StringComparison.Ordinal);
        if (!Uri.TryCreate(anyPort ? prefix.Replace(":*", "", StringComparison.Ordinal) : prefix, UriKind.Absolute, out var allowed))
        {
            return false;
        }

        if (allowed.Scheme != target.Scheme
            || !string.Equals(allowed.IdnHost, target.IdnHost, StringComparison.OrdinalIgnoreCase)
            || (!anyPort && allowed.Port != target.Port))
        {
            return false;
        }

        var path = allowed.AbsolutePath;
        var targetPath = target.AbsolutePath;
        return targetPath.StartsWith(path, StringComparison.Ordinal)
            && (targetPath.Length == path.Length || path[^1] == '/' || targetPath[path.Length] == '/');
    }
}
