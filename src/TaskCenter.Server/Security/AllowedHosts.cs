using Microsoft.Extensions.Primitives;

namespace TaskCenter.Server.Security;

/// <summary>
/// The Host headers the server answers: <c>AllowedHosts</c>, as ASP.NET reads it (names separated by <c>;</c>, any port,
/// <c>*.example.com</c> for subdomains, <c>*</c> for any). A web page that points its own DNS name at 127.0.0.1 (DNS
/// rebinding) calls the server as its own origin, but sends that name as Host; so without API keys, where only this
/// machine is meant to call, only the loopback names are answered by default. With keys any host is: a page cannot
/// learn a key. A request without a Host (HTTP/1.0) is answered, as by ASP.NET's host filtering.
/// </summary>
public sealed class AllowedHosts
{
    public const string Key = "AllowedHosts";

    public static readonly IReadOnlyList<string> Loopback = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>The allowed hosts in the form a Host header has them (punycode); <see langword="null"/>: any host.</summary>
    private readonly IList<StringSegment>? _hosts;

    private AllowedHosts(IList<StringSegment>? hosts) => _hosts = hosts;

    /// <param name="open">No API keys are configured (<see cref="OpenAccessGuard"/>).</param>
    public static AllowedHosts From(IConfiguration configuration, bool open)
    {
        var configured = (configuration[Key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IEnumerable<string> hosts = configured.Length > 0 ? configured : open ? Loopback : ["*"];
        var allowed = hosts.Select(host => new StringSegment(new HostString(host).ToUriComponent())).ToList();
        return new AllowedHosts(allowed.Any(IsAnyHost) ? null : allowed);
    }

    /// <summary>Why the request is refused, or <see langword="null"/> when its Host is allowed.</summary>
    public string? Refusal(HttpRequest request)
    {
        var host = request.Headers.Host.ToString();
        if (_hosts is null || host.Length == 0 || HostString.MatchesAny(new StringSegment(host), _hosts))
        {
            return null;
        }

        return $"this server does not answer to the Host '{host}'; list the name it is called by in {Key} " +
            $"(without API keys only {string.Join(", ", Loopback)} are answered by default)";
    }

    // The wildcards of ASP.NET's host filtering: any host.
    private static bool IsAnyHost(StringSegment host) => host.Equals("*") || host.Equals("[::]") || host.Equals("0.0.0.0");
}
