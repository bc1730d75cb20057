using System.Text.RegularExpressions;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Samples;

/// <summary>The sample consumer as the README runs it: a process of its own against a real server.</summary>
public sealed partial class SampleConsumerTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task Help_lists_the_options_the_README_documents_and_exits_0()
    {
        var (exitCode, lines) = await SampleConsumerProcess.RunAsync("--help");

        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--server", "--api-key", "--group", "--tags", "--concurrency", "--rabbitmq" })
        {
            Assert.Contains(lines, line => line.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_option_that_does_not_parse_is_one_line_naming_it_and_exit_code_2()
    {
        var (exitCode, lines) = await SampleConsumerProcess.RunAsync("--rabbitmq", "http://127.0.0.1:5672/");

        Assert.Equal(2, exitCode);
        Assert.Equal(
            ["error: --rabbitmq must be an amqp or amqps address, got 'http://127.0.0.1:5672/'", "Run with --help for the options."],
            lines);
    }

    [Fact]
    public async Task A_failing_message_prints_one_line_per_attempt_with_ISO_8601_times_until_it_is_a_dead_letter()
    {
        var (tag, group) = (Unique.Name("sample"), Unique.Name("group"));
        await using var sample = SampleConsumerProcess.Start("--server", fixture.Server.BaseAddress.ToString(), "--group", group, "--tags", tag);
        await sample.ReadUntilAsync("Application started");

        var taskId = (await fixture.Client.AddTaskAsync(NewTask.Once(tag, "please fail"))).TaskId;
        var lines = await sample.ReadUntilAsync("ran out of attempts");
        Assert.Equal(0, await sample.StopAsync());

        // Per attempt: the handler's line, the consumer's warning with the exception's message (no stack trace), and
        // but for the last the retry time; every line starts with its time in ISO-8601, as the handler prints fire_time.
        Assert.All(lines, line => Assert.Matches(IsoLineStart(), line));
        var handled = lines.Where(line => line.Contains($" taskid={taskId} ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, ServerFixture.Attempts).Select(attempt => $"attempt={attempt}"), handled.Select(line => AttemptField().Match(line).Value));
        Assert.All(handled, line => Assert.Matches(@" fire_time=\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z data=please fail$", line));
        Assert.Equal(
            Enumerable.Range(1, ServerFixture.Attempts).Select(attempt => $"(task {taskId}, name {tag}, attempt {attempt}) failed: the data contains \"fail\""),
            lines.Where(line => line.Contains(" failed: ", StringComparison.Ordinal)).Select(line => line[line.IndexOf("(task ", StringComparison.Ordinal)..]));
        Assert.Equal(ServerFixture.MaxRetries, lines.Count(line => line.Contains("will be retried at", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z ")]
    private static partial Regex IsoLineStart();

    [GeneratedRegex(@"(?<= )attempt=\d+(?= )")]
    private static partial Regex AttemptField();
}
