using System.Net;
using TaskCenter.Core.Push;

namespace TaskCenter.Core.Tests.Push;

/// <summary>Where push requests may go: allowed URL prefixes, and addresses checked as they are connected to.</summary>
public sealed class PushTargetsTests
{
    private static readonly PushTargets Loopback = new(
        ["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"], [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")]);

    private static readonly PushTargets Billing = new(["https://billing.internal/hooks", "https://api.example.com:8443/"], []);

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://localhost:8081/")]
    [InlineData("http://[::1]:9000/x?y=1")]
    public void Loopback_on_any_port_is_allowed_where_the_prefix_says_any_port(string url) => Assert.Null(Loopback.Check(url));

    [Theory]
    [InlineData("https://billing.internal/hooks")]
    [InlineData("https://billing.internal/hooks/taskcenter")]
    [InlineData("https://BILLING.internal/hooks/x?team=1")]
    [InlineData("https://api.example.com:8443/anything")]
    public void A_url_under_an_allowed_prefix_is_allowed(string url) => Assert.Null(Billing.Check(url));

    [Theory]
    [InlineData("https://billing.internal/hooksevil")]
    [InlineData("https://billing.internal.evil.test/hooks")]
    [InlineData("https://billing.internal:8443/hooks")]
    [InlineData("http://billing.internal/hooks")]
    [InlineData("https://api.example.com/anything")]
    [InlineData("https://billing.internal/other")]
    public void A_url_outside_every_prefix_is_refused_naming_the_setting(string url) =>
        Assert.StartsWith("is not among the allowed targets (Push:AllowedTargets:", Billing.Check(url));

    [Theory]
    [InlineData("ftp://127.0.0.1/x", "must be an absolute http or https URL")]
    [InlineData("/relative", "must be an absolute http or https URL")]
    [InlineData("not a url", "must be an absolute http or https URL")]
    [InlineData("http://user:pass@127.0.0.1:80/", "must not carry a user name or password (use push.headers)")]
    [InlineData("http://127.0.0.1:80/#part", "must not have a fragment (#...)")]
    public void A_url_that_is_no_http_target_is_refused_with_the_reason(string url, string problem) =>
        Assert.Equal(problem, Loopback.Check(url));

    [Fact]
    public void With_no_allowed_targets_nothing_is_allowed() =>
        Assert.Equal("is not among the allowed targets (Push:AllowedTargets: none)", new PushTargets([], []).Check("http://127.0.0.1:1/"));

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("224.0.0.1")]
    public void Private_link_local_loopback_and_mapped_addresses_are_refused_unless_a_network_lists_them(string address) =>
        Assert.False(Billing.MayConnect(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    [InlineData("::ffff:93.184.216.34")]
    public void Public_addresses_may_be_connected_to(string address) => Assert.True(Billing.MayConnect(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.5.5.5", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    public void An_allowed_network_opens_exactly_its_addresses(string address, bool allowed) =>
        Assert.Equal(allowed, Loopback.MayConnect(IPAddress.Parse(address)));
}
