using System.Text.Json;
using TaskCenter.Cli.Tests.Support;
using TaskCenter.Client;

namespace TaskCenter.Cli.Tests;

/// <summary>With --json, stdout is exactly one JSON document: <see cref="CliResult.Json"/> fails on anything else there.</summary>
public sealed class JsonOutputTests(CliServerFixture fixture) : IClassFixture<CliServerFixture>
{
    [Fact]
    public async Task Every_command_writes_one_json_document_and_nothing_else_to_stdout()
    {
        var name = Unique.Name("pure");
        var taskId = (await fixture.Client.AddTaskAsync(NewTask.Every(name, "x", TimeSpan.FromHours(1)))).TaskId;
        var file = Path.Combine(Path.GetTempPath(), Unique.Name("pure") + ".jsonl");
        await File.WriteAllTextAsync(file, $$"""{"name":"{{name}}","data":"y","loop_time":60}""" + "\n");
        try
        {
            string[][] commands =
            [
                ["add", "--name", name, "--data", "z", "--loop-time", "60"],
                ["add", "--file", file],
                ["get", taskId],
                ["list", "--name", name],
                ["list", "--prefix", name],
                ["update", taskId, "--data", "updated"],
                ["pause", taskId],
                ["resume", taskId],
                ["trigger", taskId, "--yes"],
                ["history", taskId],
                ["next", "*/5 * * * *"],
                ["dlq", "list", "--group", Unique.Name("pure-group")],
                ["dlq", "redrive", "--group", Unique.Name("pure-group")],
                ["dlq", "purge", "--group", Unique.Name("pure-group"), "--yes"],
                ["delete", "--name", name, "--yes"],
            ];
            foreach (var command in commands)
            {
                var result = await fixture.RunAsync([.. command, "--json"]);
                Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)}: exit {result.ExitCode}, {result.Stderr}");
                var kind = result.Json().ValueKind;
                Assert.True(kind is JsonValueKind.Object or JsonValueKind.Array, string.Join(' ', command));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Text_is_escaped_as_the_api_escapes_it_not_as_unicode_escapes()
    {
        const string data = "{\"sum\":\"1+1 isn't <2> & é\"}";
        var taskId = (await fixture.Client.AddTaskAsync(NewTask.Once(Unique.Name("escape"), data, DateTimeOffset.UtcNow.AddHours(1)))).TaskId;
        using var api = JsonDocument.Parse(await fixture.Server.Http.GetStringAsync(new Uri($"v1/api/query-task-by-id?taskid={taskId}", UriKind.Relative)));

        var cli = await fixture.RunAsync("get", taskId, "--json");

        Assert.Equal(data, cli.SuccessJson().GetProperty("data").GetString());
        Assert.Equal(api.RootElement.GetProperty("data").GetRawText(), cli.Json().GetProperty("data").GetRawText());
        Assert.Contains("""1+1 isn't <2> & é""", cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("""\"sum\":""", cli.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", cli.Stdout, StringComparison.Ordinal);
    }
}
