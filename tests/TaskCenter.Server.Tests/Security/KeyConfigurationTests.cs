using TaskCenter.Testing;

namespace TaskCenter.Server.Tests.Security;

public sealed class KeyConfigurationTests
{
    [Theory]
    [InlineData("", "admin", "Security:ApiKeys:1:Key is empty")]
    [InlineData("second-key", "root", "Security:ApiKeys:1:Role is 'root'; it must be one of: admin, producer, consumer, viewer")]
    [InlineData("second-key", "", "Security:ApiKeys:1:Role is ''")]
    [InlineData("first-key", "viewer", "Security:ApiKeys:1:Key is the same key as Security:ApiKeys:0")]
    public async Task A_bad_key_entry_stops_the_start_naming_the_entry(string key, string role, string expected)
    {
        var settings = TestKeys.Settings(("first", "first-key", "admin"), ("second", key, role));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningServer.StartAsync(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("first-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_keys_with_one_name_stop_the_start()
    {
        var settings = TestKeys.Settings(("same", "first-key", "admin"), ("same", "second-key", "viewer"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningServer.StartAsync(settings));

        Assert.Contains("Security:ApiKeys:1:Name 'same' is already the name of Security:ApiKeys:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_rate_limit_stops_the_start()
    {
        var settings = new Dictionary<string, string?> { ["Security:RateLimit:PermitsPerSecond"] = "-1" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningServer.StartAsync(settings));

        Assert.Contains("Security:RateLimit:PermitsPerSecond", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Security:ApiKeys:0:Scopes:Tasks:0", "bill*ing", "Security:ApiKeys:0:Scopes:Tasks:0: pattern 'bill*ing' may hold '*' only at its end")]
    [InlineData("Security:ApiKeys:0:Scopes:Groups", "billing-*, a b", "Security:ApiKeys:0:Scopes:Groups: 'a b' is not a valid name: it may only hold")]
    [InlineData("Security:ApiKeys:0:RateLimit:Burst", "-5", "Security:ApiKeys:0:RateLimit:PermitsPerSecond and Security:ApiKeys:0:RateLimit:Burst must be 0 or more")]
    [InlineData("Security:RateLimit:Roles:root:PermitsPerSecond", "5", "Security:RateLimit:Roles:root is not a role")]
    [InlineData("Security:RateLimit:MaxConcurrentConsumes", "-1", "Security:RateLimit:MaxConcurrentConsumes must be 0 or more")]
    public async Task A_bad_scope_or_rate_stops_the_start_naming_the_entry(string key, string value, string expected)
    {
        var settings = TestKeys.Settings(("billing", "billing-key", "producer"));
        settings[key] = value;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningServer.StartAsync(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Security:ApiKeys:0:Scopes:Tasks", "")]
    [InlineData("Security:ApiKeys:0:Scopes", null)] // "Scopes": {} in appsettings.json
    public async Task Scopes_that_list_nothing_stop_the_start(string key, string? value)
    {
        var settings = TestKeys.Settings(("billing", "billing-key", "producer"));
        settings[key] = value;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningServer.StartAsync(settings));

        Assert.Contains("Security:ApiKeys:0:Scopes lists no task names and no groups", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Security:ApiKeys:0:Scope:Tasks:0", "Security:ApiKeys:0:Scope is not a setting of an API key; Security:ApiKeys:0 takes Name, Key, Role, Scopes, RateLimit")]
    [InlineData("Security:ApiKeys:0:Scopes:Task:0", "Security:ApiKeys:0:Scopes:Task is not a setting of an API key; Security:ApiKeys:0:Scopes takes Tasks, Groups")]
    [InlineData("Security:ApiKeys:0:RateLimit:Permits", "Security:ApiKeys:0:RateLimit:Permits is not a setting of an API key")]
    public async Task A_misspelt_setting_of_a_key_stops_the_start_instead_of_widening_it(string key, string expected)
    {
        var settings = TestKeys.Settings(("billing", "billing-key", "producer"));
        settings[key] = "billing.*";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningServer.StartAsync(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
