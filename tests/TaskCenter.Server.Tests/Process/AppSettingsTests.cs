using TaskCenter.Testing;

namespace TaskCenter.Server.Tests.Process;

/// <summary>The server reads its appsettings.json from beside the program, whatever folder it is started from.</summary>
public sealed class AppSettingsTests : IAsyncLifetime
{
    private readonly string _dataDirectory = TempDirectory.Create("taskcenter-appsettings");

    [Fact]
    public async Task Started_from_another_folder_it_logs_no_line_per_request()
    {
        // ServerProcess starts the program from the data folder, which holds no appsettings.json.
        await using var server = await ServerProcess.StartAsync(_dataDirectory);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        for (var i = 0; i < 20; i++)
        {
            using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
            response.EnsureSuccessStatusCode();
        }

        await server.TerminateAsync();

        Assert.Contains(server.Output, line => line.Contains($"Content root path: {AppContext.BaseDirectory}", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Output, line => line.Contains("Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "appsettings.json")));
    }

    [Theory]
    [InlineData("ASPNETCORE_URLS")]
    [InlineData("Urls")]
    public async Task The_address_to_listen_on_can_be_given_in_the_environment(string variable)
    {
        await using var server = await ServerProcess.StartAsync(_dataDirectory, new Dictionary<string, string> { [variable] = "http://127.0.0.1:0" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.NotEqual(8081, server.BaseAddress.Port);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TempDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }
}
