using TaskCenter.Cli.Tests.Support;

namespace TaskCenter.Cli.Tests;

public sealed class BulkAddTests(CliServerFixture fixture) : IClassFixture<CliServerFixture>
{
    [Fact]
    public async Task A_bad_line_is_reported_with_its_number_and_the_other_lines_are_added()
    {
        var name = Unique.Name("bulk");
        var file = Path.Combine(Path.GetTempPath(), Unique.Name("tasks") + ".jsonl");
        await File.WriteAllLinesAsync(file,
        [
            $$"""{"name":"{{name}}","type":2,"data":"a","loop_time":3600}""",
            $$"""{"name":"{{name}}","type":"cron","data":"b","crontab":"0 9 * * *","timezone":"Europe/Berlin"}""",
            """{"name": this is not json""",
            "",
            $$"""{"name":"{{name}}","type":2,"data":"a","loop_time":3600}""",
            $$"""{"name":"{{name}}","type":3,"data":"c","crontab":"not a crontab"}""",
        ]);
        try
        {
            var result = await fixture.RunAsync("add", "--file", file, "--json");

            Assert.Equal(1, result.ExitCode);
            var summary = result.Json();
            Assert.Equal(2, summary.GetProperty("created").GetInt32());
            Assert.Equal(1, summary.GetProperty("deduplicated").GetInt32());
            Assert.Equal(2, summary.GetProperty("failed").GetInt32());
            Assert.Equal([3, 6], summary.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
            Assert.Contains("error: line 3: not JSON", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("error: line 6: ", result.Stderr, StringComparison.Ordinal);
            Assert.Equal(2, (await fixture.Client.GetTasksByNameAsync(name)).Count);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_clean_file_prints_a_human_summary_and_exits_0()
    {
        var name = Unique.Name("bulk-clean");
        var lines = $$"""
            {"name":"{{name}}","data":"1","loop_time":60}
            {"name":"{{name}}","data":"2","loop_time":60}
            """;

        var result = await fixture.RunWithInputAsync(lines, "add", "--file", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("created 2, deduplicated 0, failed 0", result.Stdout.Trim());
    }

    [Fact]
    public async Task A_line_with_an_unknown_type_is_reported_and_does_not_stop_the_run()
    {
        var name = Unique.Name("bulk-type");
        var lines = $$"""
            {"name":"{{name}}","type":"weekly","data":"1"}
            {"name":"{{name}}","data":"2","loop_time":60}
            """;

        var result = await fixture.RunWithInputAsync(lines, "add", "--file", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("created 1, deduplicated 0, failed 1", result.Stdout.Trim());
        Assert.Contains("error: line 1: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("weekly", result.Stderr, StringComparison.Ordinal);
    }
}
