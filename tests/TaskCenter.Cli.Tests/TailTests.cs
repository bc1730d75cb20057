using TaskCenter.Cli.Tests.Support;
using TaskCenter.Client;

namespace TaskCenter.Cli.Tests;

public sealed class TailTests(CliServerFixture fixture) : IClassFixture<CliServerFixture>
{
    [Fact]
    public async Task Tail_prints_a_fire_of_its_tag_acks_it_and_stops_cleanly_when_cancelled()
    {
        var tag = Unique.Name("tail");
        using var stop = new CancellationTokenSource();
        var stdout = new LineSignallingWriter(stop.Cancel);

        var tail = CliRunner.RunAsync(["--server", fixture.Server.BaseAddress.ToString(), "tail", tag, "--json"], stdout, stop.Token);
        var taskId = (await fixture.Client.AddTaskAsync(NewTask.Once(tag, "{\"hello\":\"tail's +1\"}"))).TaskId;
        var result = await tail;
        var defaultGroup = $"cli-tail-{tag}";

        Assert.Equal(0, result.ExitCode);
        var message = result.Json();
        Assert.Equal((taskId, tag, "{\"hello\":\"tail's +1\"}", 1), (
            message.GetProperty("taskid").GetString(), message.GetProperty("name").GetString(),
            message.GetProperty("data").GetString(), message.GetProperty("attempt").GetInt32()));
        Assert.Contains($"consumer group '{defaultGroup}'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("tail's +1", result.Stdout, StringComparison.Ordinal); // not escaped as \u0027 and \u002B

        // Acked: the group holds the message no more.
        Assert.Empty(await fixture.Client.AckAsync(defaultGroup, [message.GetProperty("msgid").GetString()!]));
    }

    [Fact]
    public async Task Tail_consumes_as_the_group_given_with_group()
    {
        var tag = Unique.Name("tail-group");
        var group = Unique.Name("mine");
        using var stop = new CancellationTokenSource();
        var stdout = new LineSignallingWriter(stop.Cancel);

        var tail = CliRunner.RunAsync(["--server", fixture.Server.BaseAddress.ToString(), "tail", tag, "--group", group], stdout, stop.Token);
        var taskId = (await fixture.Client.AddTaskAsync(NewTask.Once(tag, "human"))).TaskId;
        var result = await tail;

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"task {taskId}", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("human", result.Stdout.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains($"consumer group '{group}'", result.Stderr, StringComparison.Ordinal);
    }
}
