using Microsoft.Net.Http.Headers;
using TaskCenter.Server.Http;

namespace TaskCenter.Server.Security;

/// <summary>
/// Refuses (403) a request that may change something — any method but GET, HEAD, OPTIONS and TRACE — when it carries
/// an <c>Origin</c> other than the server's own. Browsers send Origin on every cross-site POST, PUT, PATCH and DELETE,
/// so a page of another site can add, trigger, pause, delete or purge nothing, not even with a bodiless POST. The own
/// origin is the Host the request was sent to (host and port; not the scheme, so a proxy that ends TLS and passes the
/// Host on works). Origins listed in <c>Security:AllowedOrigins</c> are let through and get CORS answers, so a browser
/// app served there can call the API with JSON and a key.
/// </summary>
public sealed class OriginCheck
{
    public const string Section = "Security:AllowedOrigins";

    private readonly HashSet<string> _allowed;

    private OriginCheck(HashSet<string> allowed) => _allowed = allowed;

    /// <summary>The configured origins, as <c>scheme://host[:port]</c>.</summary>
    public IReadOnlyCollection<string> Allowed => _allowed;

    /// <summary>Reads and checks the origins; throws naming the first entry that is not an http(s) origin.</summary>
    public static OriginCheck From(IConfiguration configuration)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            if (Origin(entry.Value) is not { } origin)
            {
                throw new InvalidOperationException(
                    $"The server refuses to start: {entry.Path} is '{entry.Value}'; an allowed origin is scheme://host[:port], e.g. https://ops.example.com.");
            }

            allowed.Add(origin);
        }

        return new OriginCheck(allowed);
    }

    private static bool ChangesState(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>Why the request is refused, or <see langword="null"/> when it may go on.</summary>
    public string? Refusal(HttpRequest request)
    {
        var sent = request.Headers.Origin;
        if (sent.Count == 0 || !ChangesState(request.Method))
        {
            return null;
        }

        if (sent.Count == 1 && (IsOwn(sent[0]!, request.Host) || (Origin(sent[0]) is { } normalized && _allowed.Contains(normalized))))
        {
            return null;
        }

        return $"a page of another origin ({sent}) may not change anything on this server; list the origin in {Section} to let it";
    }

    /// <summary>Same host, and the same port; a Host without a port (behind a proxy) matches the origin's default port.</summary>
    private static bool IsOwn(string origin, HostString host)
    {
        var authority = origin.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? origin.AsSpan(7)
            : origin.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? origin.AsSpan(8)
            : default;
        if (!host.HasValue || authority.IsEmpty)
        {
            return false;
        }

        // As a browser sends its own origin: the scheme and the Host header exactly, no parsing on the common path.
        return authority.Equals(host.Value, StringComparison.OrdinalIgnoreCase)
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase)
                && (host.Port is { } port ? port == uri.Port : uri.IsDefaultPort));
    }

    private static string? Origin(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.PathAndQuery == "/" && uri.UserInfo.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
