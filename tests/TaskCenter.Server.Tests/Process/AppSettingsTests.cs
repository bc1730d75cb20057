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

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TempDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }
}
