using TaskCenter.Cli.Tests.Support;
using TaskCenter.Client;

namespace TaskCenter.Cli.Tests;

public sealed class DeleteTests(CliServerFixture fixture) : IClassFixture<CliServerFixture>
{
    [Fact]
    public async Task Delete_with_yes_deletes_the_tasks_by_id()
    {
        var name = Unique.Name("delete");
        var first = (await fixture.Client.AddTaskAsync(NewTask.Every(name, "1", TimeSpan.FromHours(1)))).TaskId;
        var second = (await fixture.Client.AddTaskAsync(NewTask.Every(name, "2", TimeSpan.FromHours(1)))).TaskId;

        var unknown = "0123456789abcdef01234567";
        var result = await fixture.RunAsync("delete", first, second, unknown, "--yes", "--json");
        var deleted = result.SuccessJson();

        Assert.Equal(
            new[] { first, second }.Order(StringComparer.Ordinal),
            deleted.GetProperty("deleted").EnumerateArray().Select(id => id.GetString()).Order(StringComparer.Ordinal));
        Assert.Null(await fixture.Client.GetTaskAsync(first));
        Assert.Contains($"warning: {unknown} was not deleted", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_by_name_asks_first_and_does_nothing_unless_confirmed()
    {
        var name = Unique.Name("delete-name");
        var taskId = (await fixture.Client.AddTaskAsync(NewTask.Every(name, "x", TimeSpan.FromHours(1)))).TaskId;

        var declined = await fixture.RunWithInputAsync("n\n", "delete", "--name", name);
        Assert.Equal(1, declined.ExitCode);
        Assert.Contains($"Delete every task named '{name}'? [y/N]", declined.Stderr, StringComparison.Ordinal);
        Assert.NotNull(await fixture.Client.GetTaskAsync(taskId));

        var confirmed = await fixture.RunWithInputAsync("y\n", "delete", "--name", name);
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Contains(taskId, confirmed.Stdout, StringComparison.Ordinal);
        Assert.Null(await fixture.Client.GetTaskAsync(taskId));
    }
}
