using TaskCenter.Cli.Tests.Support;

namespace TaskCenter.Cli.Tests;

public sealed class ErrorTests(CliServerFixture fixture) : IClassFixture<CliServerFixture>
{
    [Fact]
    public async Task An_unknown_task_exits_1_with_the_servers_message()
    {
        var result = await fixture.RunAsync("get", "0123456789abcdef01234567");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: no task with taskid 0123456789abcdef01234567", result.Stderr.Trim());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task A_request_the_server_refuses_exits_1_with_its_message()
    {
        var taskId = await fixture.RunAsync("get", "not-an-id", "--json");
        Assert.Equal(1, taskId.ExitCode);
        Assert.StartsWith("error: ", taskId.Stderr, StringComparison.Ordinal);
        Assert.Contains("taskid", taskId.Stderr, StringComparison.Ordinal);
        Assert.Empty(taskId.Stdout);

        var crontab = await fixture.RunAsync("next", "61 * * * *");
        Assert.Equal(1, crontab.ExitCode);
        Assert.Contains("crontab", crontab.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_exits_3()
    {
        var result = await CliRunner.RunAsync(["get", "0123456789abcdef01234567", "--server", $"http://127.0.0.1:{ClosedPort.Take()}"]);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("error: cannot reach the server at http://127.0.0.1:", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("get")]
    [InlineData("add", "--name", "no-data")]
    [InlineData("add", "--name", "x", "--data", "y", "--start", "next tuesday")]
    [InlineData("add", "--name", "x", "--data", "y", "--type", "weekly")]
    [InlineData("delete")]
    [InlineData("next", "* * * * *", "--count", "many")]
    [InlineData("update", "0123456789abcdef01234567")]
    [InlineData("update", "0123456789abcdef01234567", "--end", "someday")]
    [InlineData("pause")]
    [InlineData("history", "0123456789abcdef01234567", "--before", "yesterday")]
    [InlineData("list", "--state", "sleeping")]
    [InlineData("list", "--type", "weekly")]
    [InlineData("list", "--limit", "0")]
    public async Task Bad_usage_exits_2_without_calling_the_server(params string[] args)
    {
        var result = await CliRunner.RunAsync(["--server", $"http://127.0.0.1:{ClosedPort.Take()}", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
    }
}
