using System.Net;
using TaskCenter.Core.Configuration;
using TaskCenter.Core.Push;

namespace TaskCenter.Core.Tests.Push;

/// <summary>The Push section: loopback only by default, each list replacing its default, bad entries named at start.</summary>
public sealed class PushOptionsTests
{
    [Fact]
    public void By_default_only_loopback_is_allowed()
    {
        var targets = new PushOptions().Targets();

        Assert.Null(targets.Check("http://127.0.0.1:5000/hook"));
        Assert.Null(targets.Check("http://localhost:8081/"));
        Assert.NotNull(targets.Check("https://billing.internal/hooks"));
        Assert.True(targets.MayConnect(IPAddress.Loopback));
        Assert.False(targets.MayConnect(IPAddress.Parse("10.0.0.1")));
        Assert.Empty(OptionsRules.Check(new PushOptions(), "Push"));
    }

    [Fact]
    public void Lists_that_are_set_replace_the_defaults()
    {
        var targets = new PushOptions { AllowedTargets = ["https://billing.internal/hooks"], AllowedNetworks = ["10.20.0.0/16"] }.Targets();

        Assert.Null(targets.Check("https://billing.internal/hooks/x"));
        Assert.NotNull(targets.Check("http://127.0.0.1:5000/hook"));
        Assert.True(targets.MayConnect(IPAddress.Parse("10.20.1.2")));
        Assert.False(targets.MayConnect(IPAddress.Loopback));
    }

    [Fact]
    public void Entries_that_are_no_url_prefix_or_network_are_named_with_their_key()
    {
        var failures = OptionsRules.Check(
            new PushOptions { AllowedTargets = ["ftp://files.internal/", "https://ok.example/"], AllowedNetworks = ["10.0.0.0/33"] }, "Push");

        Assert.Equal(
            [
                "Push:AllowedTargets is ftp://files.internal/, https://ok.example/; 'ftp://files.internal/' is not an http or https URL prefix (e.g. https://billing.internal/hooks, http://127.0.0.1:*).",
                "Push:AllowedNetworks is 10.0.0.0/33; '10.0.0.0/33' is not a network in CIDR form (e.g. 10.20.0.0/16).",
            ],
            failures);
    }
}
