using System.Net;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Process;

public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private readonly string _dataDirectory = TempDirectory.Create("taskcenter-sigterm");

    [Fact]
    public async Task Sigterm_answers_open_long_polls_and_exits_cleanly_keeping_the_tasks()
    {
        string taskId;
        await using (var server = await ServerProcess.StartAsync(_dataDirectory))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            var (_, added) = await http.PostJsonAsync("/v1/api/task", Json(new { name = "sigterm", type = 2, data = "x", loop_time = 3600, start_time = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600 }));
            taskId = added.GetProperty("taskid").GetString()!;

            var longPoll = http.PostJsonAsync("/v1/api/consume", Json(new { group = "g", tags = "sigterm", wait_ms = 60_000 }));
            await WaitUntilLongPollIsOpenAsync(http);
            var exitCode = await server.TerminateAsync();
            var (status, body) = await longPoll;

            Assert.Equal(0, exitCode);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(0, body.GetProperty("messages").GetArrayLength());
        }

        await using var restarted = await ServerProcess.StartAsync(_dataDirectory);
        using var again = new HttpClient { BaseAddress = restarted.BaseAddress };
        var (found, task) = await again.GetJsonAsync("/v1/api/query-task-by-id?taskid=" + taskId);
        Assert.Equal(HttpStatusCode.OK, found);
        Assert.Equal("pending", task.GetProperty("state").GetString());
    }

    /// <summary>
    /// Waits until the server is serving another request besides the scrape asking (the long poll), so the SIGTERM
    /// meets an open long poll rather than racing its connection.
    /// </summary>
    private static async Task WaitUntilLongPollIsOpenAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
            var active = text.Split('\n')
                .Where(line => line.StartsWith("http_server_active_requests{", StringComparison.Ordinal))
                .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 2)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
            if (active >= 2)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the long poll never reached the server");
            await Task.Delay(20);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TempDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }
}
