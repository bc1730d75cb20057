using System.Text.Json;
using TaskCenter.Cli.Tests.Support;

namespace TaskCenter.Cli.Tests;

public sealed class AddGetListTests(CliServerFixture fixture) : IClassFixture<CliServerFixture>
{
    [Fact]
    public async Task A_one_shot_task_added_with_a_start_time_is_shown_by_get_and_list()
    {
        var name = Unique.Name("once");
        var start = DateTimeOffset.UtcNow.AddHours(1);
        var added = (await fixture.RunAsync(
            "add", "--name", name, "--data", "{\"id\":1}", "--start", start.ToString("O"), "--max-runtime", "30", "--ack", "--json")).SuccessJson();
        var taskId = added.GetProperty("taskid").GetString()!;
        Assert.Equal(name, added.GetProperty("name").GetString());
        Assert.False(added.GetProperty("deduplicated").GetBoolean());

        var task = (await fixture.RunAsync("get", taskId, "--json")).SuccessJson();
        Assert.Equal(taskId, task.GetProperty("_id").GetString());
        Assert.Equal(1, task.GetProperty("type").GetInt32());
        Assert.Equal("{\"id\":1}", task.GetProperty("data").GetString());
        Assert.Equal(start.ToUnixTimeSeconds(), task.GetProperty("start_time").GetInt64());
        Assert.Equal(start.ToUnixTimeSeconds(), task.GetProperty("next_fire_at").GetInt64());
        Assert.Equal(30, task.GetProperty("max_runtime").GetInt64());
        Assert.True(task.GetProperty("ack").GetBoolean());
        Assert.Equal("pending", task.GetProperty("state").GetString());

        var listed = (await fixture.RunAsync("list", "--name", name, "--json")).SuccessJson();
        Assert.Equal([taskId], listed.EnumerateArray().Select(t => t.GetProperty("_id").GetString()));
    }

    [Fact]
    public async Task An_interval_task_is_inferred_from_loop_time_and_keeps_its_loop_count()
    {
        var name = Unique.Name("interval");
        var taskId = (await fixture.RunAsync("add", "--name", name, "--data", "tick", "--loop-time", "3600", "--loop-count", "4", "--json"))
            .SuccessJson().GetProperty("taskid").GetString()!;

        var task = (await fixture.RunAsync("get", taskId, "--json")).SuccessJson();
        Assert.Equal(2, task.GetProperty("type").GetInt32());
        Assert.Equal(3600, task.GetProperty("loop_time").GetInt64());
        Assert.Equal(4, task.GetProperty("loop_count").GetInt32());
    }

    [Fact]
    public async Task A_cron_task_keeps_its_crontab_zone_and_end_time()
    {
        var name = Unique.Name("cron");
        var end = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds();
        var taskId = (await fixture.RunAsync(
                "add", "--name", name, "--data", "report", "--type", "cron", "--crontab", "0 9 * * 1-5",
                "--timezone", "Europe/Berlin", "--end", end.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"))
            .SuccessJson().GetProperty("taskid").GetString()!;

        var task = (await fixture.RunAsync("get", taskId, "--json")).SuccessJson();
        Assert.Equal(3, task.GetProperty("type").GetInt32());
        Assert.Equal("0 9 * * 1-5", task.GetProperty("crontab").GetString());
        Assert.Equal("Europe/Berlin", task.GetProperty("timezone").GetString());
        Assert.Equal(end, task.GetProperty("end_time").GetInt64());
        var nextFire = DateTimeOffset.FromUnixTimeSeconds(task.GetProperty("next_fire_at").GetInt64());
        Assert.Equal(9, TimeZoneInfo.ConvertTime(nextFire, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Hour);
    }

    [Fact]
    public async Task Adding_the_same_name_and_data_again_reports_the_live_task_as_deduplicated()
    {
        var name = Unique.Name("dedupe");
        string[] add = ["add", "--name", name, "--data", "same", "--loop-time", "3600", "--json"];
        var first = (await fixture.RunAsync(add)).SuccessJson();
        var second = (await fixture.RunAsync(add)).SuccessJson();

        Assert.Equal(first.GetProperty("taskid").GetString(), second.GetProperty("taskid").GetString());
        Assert.True(second.GetProperty("deduplicated").GetBoolean());
    }

    [Fact]
    public async Task The_payload_can_come_from_stdin_without_the_final_newline_of_echo()
    {
        var name = Unique.Name("stdin");
        var taskId = (await fixture.RunWithInputAsync("{\"from\":\"stdin\"}\n", "add", "--name", name, "--data-file", "-", "--loop-time", "3600", "--json"))
            .SuccessJson().GetProperty("taskid").GetString()!;

        var task = await fixture.Client.GetTaskAsync(taskId);
        Assert.Equal("{\"from\":\"stdin\"}", task!.Data);
    }

    [Theory]
    [InlineData("{\"id\":1}\n", false, "{\"id\":1}")]
    [InlineData("{\"id\":1}\r\n", false, "{\"id\":1}")]
    [InlineData("line 1\nline 2\n\n", false, "line 1\nline 2\n")]
    [InlineData("no final newline", false, "no final newline")]
    [InlineData("{\"id\":1}\n", true, "{\"id\":1}\n")]
    [InlineData("{\"id\":1}\r\n", true, "{\"id\":1}\r\n")]
    public async Task A_data_file_loses_one_final_newline_unless_it_is_kept(string content, bool keep, string stored)
    {
        var file = Path.Combine(Path.GetTempPath(), Unique.Name("data"));
        await File.WriteAllTextAsync(file, content);
        try
        {
            string[] keepOption = keep ? ["--keep-trailing-newline"] : [];
            var added = (await fixture.RunAsync(["add", "--name", Unique.Name("data-file"), "--data-file", file, .. keepOption, "--loop-time", "3600", "--json"]))
                .SuccessJson().GetProperty("taskid").GetString()!;
            Assert.Equal(stored, (await fixture.Client.GetTaskAsync(added))!.Data);

            var id = (await fixture.Client.AddTaskAsync(Client.NewTask.Every(Unique.Name("data-file-update"), "before", TimeSpan.FromHours(1)))).TaskId;
            Assert.Equal(0, (await fixture.RunAsync(["update", id, "--data-file", file, .. keepOption])).ExitCode);
            Assert.Equal(stored, (await fixture.Client.GetTaskAsync(id))!.Data);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Keep_trailing_newline_without_a_data_file_is_a_usage_error()
    {
        var result = await fixture.RunAsync("add", "--name", Unique.Name("keep"), "--data", "x", "--keep-trailing-newline");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--keep-trailing-newline goes with --data-file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Human_output_shows_the_task_in_a_table_with_local_and_utc_times()
    {
        var name = Unique.Name("human");
        var start = new DateTimeOffset(2099, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var taskId = (await fixture.Client.AddTaskAsync(Client.NewTask.Once(name, "payload", start))).TaskId;

        var get = await fixture.RunAsync("get", taskId);
        Assert.Equal(0, get.ExitCode);
        Assert.Contains(taskId, get.Stdout, StringComparison.Ordinal);
        Assert.Contains("2099-01-02 03:04:05Z", get.Stdout, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(get.Stdout));

        var list = await fixture.RunAsync("list", "--name", name);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(taskId, list.Stdout, StringComparison.Ordinal);
        Assert.Contains("2099-01-02 03:04:05Z", list.Stdout, StringComparison.Ordinal);
    }
}
