using System.Net;
using TaskCenter.Testing;

namespace TaskCenter.Server.Tests.Security;

/// <summary>
/// Without keys the server runs open on loopback only. The decision is made while the app is built, before Kestrel
/// binds, so the non-loopback cases build the app the way Program does and never start it.
/// </summary>
public sealed class OpenAccessTests
{
    [Fact]
    public async Task Without_keys_on_loopback_every_endpoint_is_open()
    {
        await using var server = await RunningServer.StartAsync();

        var added = await server.Http.SendAsync("POST", "/v1/api/task", """{"name":"open-task","type":1,"data":"x"}""", apiKey: null);
        var purged = await server.Http.SendAsync("POST", "/v1/api/dead-letters/purge", """{"group":"open-group"}""", apiKey: null);

        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal(HttpStatusCode.OK, purged.Status);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8081")]
    [InlineData("http://[::]:8081")]
    [InlineData("http://*:8081")]
    [InlineData("http://+:8081")]
    [InlineData("http://192.168.1.10:8081")]
    [InlineData("http://taskcenter.example.com:8081")]
    [InlineData("http://127.0.0.1:8081;http://0.0.0.0:8082")]
    public void Without_keys_a_non_loopback_address_stops_the_start_naming_the_settings(string urls)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build($"--Urls={urls}"));

        Assert.Contains("not a loopback address", error.Message, StringComparison.Ordinal);
        Assert.Contains("Security:ApiKeys", error.Message, StringComparison.Ordinal);
        Assert.Contains("Security:AllowAnonymous=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_keys_the_container_port_setting_stops_the_start() =>
        Assert.Throws<InvalidOperationException>(() => Build("--Urls=", "--HTTP_PORTS=8080"));

    [Theory]
    [InlineData("http://127.0.0.1:8081")]
    [InlineData("http://127.0.0.2:8081")]
    [InlineData("http://localhost:8081")]
    [InlineData("http://[::1]:8081")]
    public void Without_keys_a_loopback_address_starts(string urls) => Build($"--Urls={urls}");

    [Fact]
    public void Told_to_run_open_a_non_loopback_address_starts() =>
        Build("--Urls=http://0.0.0.0:8081", "--Security:AllowAnonymous=true");

    [Fact]
    public void With_keys_a_non_loopback_address_starts() =>
        Build("--Urls=http://0.0.0.0:8081", "--Security:ApiKeys:0:Key=some-key", "--Security:ApiKeys:0:Role=admin");

    [Fact]
    public async Task A_refused_start_never_listens()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningServer.StartAsync(url: "http://0.0.0.0:0"));

        Assert.Contains("http://0.0.0.0:0", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Builds the app from command-line arguments as Program does, without starting it.</summary>
    private static void Build(params string[] args)
    {
        var directory = TempDirectory.Create("taskcenter-security");
        try
        {
            var app = TaskCenterApp.Build([.. args, $"--Storage:Sqlite:Path={Path.Combine(directory, "taskcenter.db")}"]);
            ((IDisposable)app).Dispose();
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
