using TaskCenter.Cli.Tests.Support;
using TaskCenter.Client;

namespace TaskCenter.Cli.Tests;

/// <summary>Times in tables follow the machine's zone (TZ), and are shown once where that zone is UTC.</summary>
public sealed class LocalTimeTests(CliServerFixture fixture) : IClassFixture<CliServerFixture>
{
    private static readonly DateTimeOffset Start = new(2099, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task Off_utc_a_time_is_shown_locally_and_in_utc()
    {
        var name = Unique.Name("local-tokyo");
        var taskId = (await fixture.Client.AddTaskAsync(NewTask.Once(name, "z", Start))).TaskId;

        var get = await RunInZoneAsync("Asia/Tokyo", "get", taskId);
        var list = await RunInZoneAsync("Asia/Tokyo", "list", "--name", name);

        Assert.Contains("2099-01-02 12:04:05 +09:00 (2099-01-02 03:04:05Z)", get.Stdout, StringComparison.Ordinal);
        Assert.Contains("next fire (local)", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("2099-01-02 12:04:05 +09:00", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("2099-01-02 03:04:05Z", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_utc_a_time_is_shown_once()
    {
        var name = Unique.Name("local-utc");
        var taskId = (await fixture.Client.AddTaskAsync(NewTask.Once(name, "z", Start))).TaskId;

        var get = await RunInZoneAsync("Etc/UTC", "get", taskId);
        var list = await RunInZoneAsync("Etc/UTC", "list", "--name", name);

        Assert.Equal(2, CountOf("2099-01-02 03:04:05Z", get.Stdout)); // next fire and start, once each
        Assert.Equal(1, CountOf("2099-01-02 03:04:05Z", list.Stdout));
        Assert.DoesNotContain("+00:00", get.Stdout + list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("(local)", list.Stdout, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunInZoneAsync(string zone, params string[] args)
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string> { ["TZ"] = zone }, ["--server", fixture.Server.BaseAddress.ToString(), .. args]);
        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}, stderr: {result.Stderr}");
        return result;
    }

    private static int CountOf(string text, string within) => within.Split(text).Length - 1;
}
