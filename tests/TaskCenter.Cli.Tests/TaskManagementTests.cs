using System.Globalization;
using System.Text.Json;
using TaskCenter.Cli.Output;
using TaskCenter.Cli.Tests.Support;
using TaskCenter.Client;

namespace TaskCenter.Cli.Tests;

public sealed class TaskManagementTests(CliServerFixture fixture) : IClassFixture<CliServerFixture>
{
    /// <summary>A Monday far ahead: tasks that start then stay pending until the test acts on them.</summary>
    private static readonly DateTimeOffset Start = new(2099, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private const string UnknownId = "0123456789abcdef01234567";

    [Fact]
    public async Task Pause_and_resume_print_the_task_and_its_state()
    {
        var taskId = await AddIntervalAsync(Unique.Name("pause"));

        var paused = (await fixture.RunAsync("pause", taskId, "--json")).SuccessJson();
        Assert.Equal(taskId, paused.GetProperty("_id").GetString());
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, paused.GetProperty("next_fire_at").ValueKind);
        Assert.Equal(TaskState.Paused, (await fixture.Client.GetTaskAsync(taskId))!.State);

        var resumed = await fixture.RunAsync("resume", taskId);
        Assert.Equal(0, resumed.ExitCode);
        Assert.StartsWith($"resumed task {taskId} (", resumed.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(TaskState.Paused, (await fixture.Client.GetTaskAsync(taskId))!.State);
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("trigger", "--yes")]
    [InlineData("update", "--data", "x")]
    [InlineData("history")]
    public async Task An_unknown_task_exits_1_with_the_servers_message(string command, params string[] options)
    {
        var result = await fixture.RunAsync([command, UnknownId, .. options]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(UnknownId, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Trigger_asks_first_then_fires_once_and_the_fire_shows_in_the_history()
    {
        var taskId = await AddIntervalAsync(Unique.Name("trigger"));

        var declined = await fixture.RunWithInputAsync("n\n", "trigger", taskId);
        Assert.Equal(1, declined.ExitCode);
        Assert.Contains($"Fire task {taskId} once now? [y/N]", declined.Stderr, StringComparison.Ordinal);
        Assert.Empty((await fixture.Client.GetFireHistoryAsync(taskId)).Fires);

        var fired = (await fixture.RunAsync("trigger", taskId, "--yes", "--json")).SuccessJson();
        Assert.Equal(taskId, fired.GetProperty("taskid").GetString());
        var msgId = fired.GetProperty("msgid").GetString()!;
        Assert.InRange(
            DateTimeOffset.FromUnixTimeMilliseconds(fired.GetProperty("fire_time_ms").GetInt64()),
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);

        var history = (await fixture.RunAsync("history", taskId, "--json")).SuccessJson();
        var fire = Assert.Single(history.GetProperty("fires").EnumerateArray());
        Assert.Equal(msgId, fire.GetProperty("msgid").GetString());
        Assert.Equal(fired.GetProperty("fire_time_ms").GetInt64(), fire.GetProperty("fire_time_ms").GetInt64());
        Assert.True(fire.GetProperty("unrouted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, history.GetProperty("next").ValueKind);

        var table = await fixture.RunAsync("history", taskId);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(msgId, table.Stdout, StringComparison.Ordinal);
        Assert.Contains("unrouted", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_shows_each_groups_delivery_and_pages_with_before()
    {
        var name = Unique.Name("history");
        var group = Unique.Name("history-group");
        Assert.Empty(await fixture.Client.ConsumeAsync(new ConsumeRequest { Group = group, Tags = name }));
        var taskId = await AddIntervalAsync(name);
        var first = (await fixture.Client.TriggerTaskAsync(taskId)).MsgId;
        var message = Assert.Single(await fixture.Client.ConsumeAsync(new ConsumeRequest { Group = group, Tags = name, WaitTime = TimeSpan.FromSeconds(10) }));
        await fixture.Client.NackAsync(group, message.MsgId, "handler exploded");
        var second = (await fixture.Client.TriggerTaskAsync(taskId)).MsgId;

        var table = await fixture.RunAsync("history", taskId, "--limit", "1");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(second, table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(first, table.Stdout, StringComparison.Ordinal);
        var next = (await fixture.Client.GetFireHistoryAsync(taskId, limit: 1)).Next!.Value.ToUnixTimeMilliseconds();
        Assert.Contains($"older fires: taskcenter history {taskId} --before {next}", table.Stdout, StringComparison.Ordinal);

        var older = await fixture.RunAsync("history", taskId, "--before", next.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, older.ExitCode);
        Assert.Contains(first, older.Stdout, StringComparison.Ordinal);
        Assert.Contains(group, older.Stdout, StringComparison.Ordinal);
        Assert.Contains("handler exploded", older.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(second, older.Stdout, StringComparison.Ordinal);
        var retryAt = (await fixture.Client.GetFireHistoryAsync(taskId)).Fires[1].Deliveries[0].AvailableAt!.Value;
        Assert.Contains($"retry at {TimeText.Local(retryAt)}", older.Stdout, StringComparison.Ordinal);
        Assert.Contains($"attempt 2 of {CliServerFixture.Attempts}", older.Stdout, StringComparison.Ordinal);

        var json = (await fixture.RunAsync("history", taskId, "--json")).SuccessJson();
        var delivery = Assert.Single(json.GetProperty("fires")[1].GetProperty("deliveries").EnumerateArray());
        Assert.Equal(group, delivery.GetProperty("group").GetString());
        Assert.Equal("ready", delivery.GetProperty("state").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal("handler exploded", delivery.GetProperty("last_error").GetString());
        Assert.True(delivery.GetProperty("lateness_ms").GetInt64() >= 0);
        Assert.Equal(retryAt.ToUnixTimeMilliseconds(), delivery.GetProperty("available_at_ms").GetInt64());
        Assert.Equal(CliServerFixture.Attempts, json.GetProperty("max_attempts").GetInt32());
    }

    [Fact]
    public async Task Update_changes_only_the_given_fields()
    {
        var name = Unique.Name("update");
        var taskId = (await fixture.Client.AddTaskAsync(NewTask.Cron(name, "old", "0 9 * * *", "Europe/Berlin") with
        {
            StartTime = Start, EndTime = Start.AddDays(30),
        })).TaskId;

        var updated = (await fixture.RunAsync(
            "update", taskId, "--data", "new", "--crontab", "0 18 * * *", "--end", "none", "--loop-count", "3", "--ack", "--json")).SuccessJson();

        Assert.Equal("new", updated.GetProperty("data").GetString());
        Assert.Equal("0 18 * * *", updated.GetProperty("crontab").GetString());
        Assert.Equal("Europe/Berlin", updated.GetProperty("timezone").GetString());
        Assert.Equal(0, updated.GetProperty("end_time").GetInt64());
        Assert.Equal(Start.ToUnixTimeSeconds(), updated.GetProperty("start_time").GetInt64());
        Assert.Equal(3, updated.GetProperty("loop_count").GetInt32());
        Assert.True(updated.GetProperty("ack").GetBoolean());
        Assert.Equal(Start.AddHours(17).ToUnixTimeSeconds(), updated.GetProperty("next_fire_at").GetInt64());

        var back = await fixture.RunAsync("update", taskId, "--ack", "false", "--max-runtime", "45");
        Assert.Equal(0, back.ExitCode);
        Assert.StartsWith($"updated task {taskId} ({name})", back.Stdout, StringComparison.Ordinal);
        var stored = await fixture.Client.GetTaskAsync(taskId);
        Assert.False(stored!.Ack);
        Assert.Equal(TimeSpan.FromSeconds(45), stored.MaxRuntime);
        Assert.Equal("new", stored.Data);
    }

    [Fact]
    public async Task An_update_the_server_refuses_exits_1_naming_the_field_and_an_empty_one_is_bad_usage()
    {
        var taskId = await AddIntervalAsync(Unique.Name("update-bad"));

        var refused = await fixture.RunAsync("update", taskId, "--loop-time", "0");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("loop_time", refused.Stderr, StringComparison.Ordinal);

        var empty = await fixture.RunAsync("update", taskId);
        Assert.Equal(2, empty.ExitCode);
        Assert.StartsWith("error: nothing to change", empty.Stderr, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(1), (await fixture.Client.GetTaskAsync(taskId))!.LoopTime);
    }

    [Fact]
    public async Task List_filters_by_prefix_type_and_state_and_pages()
    {
        var prefix = Unique.Name("list") + "-";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await AddIntervalAsync($"{prefix}{i}"));
        }

        var cron = (await fixture.Client.AddTaskAsync(NewTask.Cron($"{prefix}9", "x", "0 9 * * *") with { StartTime = Start })).TaskId;
        await fixture.Client.PauseTaskAsync(ids[1]);

        var first = (await fixture.RunAsync("list", "--prefix", prefix, "--limit", "2", "--json")).SuccessJson();
        Assert.Equal([ids[0], ids[1]], Ids(first.GetProperty("tasks")));
        var next = first.GetProperty("next").GetString()!;
        var second = (await fixture.RunAsync("list", "--prefix", prefix, "--limit", "2", "--after", next, "--json")).SuccessJson();
        Assert.Equal([ids[2], cron], Ids(second.GetProperty("tasks")));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);

        var all = (await fixture.RunAsync("list", "--prefix", prefix, "--all", "--limit", "1", "--json")).SuccessJson();
        Assert.Equal([.. ids, cron], Ids(all.GetProperty("tasks")));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);

        Assert.Equal([cron], Ids((await fixture.RunAsync("list", "-p", prefix, "--type", "cron", "--json")).SuccessJson().GetProperty("tasks")));
        Assert.Equal([ids[1]], Ids((await fixture.RunAsync("list", "-p", prefix, "--state", "paused", "--json")).SuccessJson().GetProperty("tasks")));

        var table = await fixture.RunAsync("list", "--prefix", prefix, "--limit", "2");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(ids[0], table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(ids[2], table.Stdout, StringComparison.Ordinal);
        Assert.Contains($"more tasks: run again with --after {next} (or --all)", table.Stdout, StringComparison.Ordinal);

        var none = await fixture.RunAsync("list", "--prefix", Unique.Name("nobody"));
        Assert.Equal("no tasks", none.Stdout.Trim());
    }

    [Fact]
    public async Task List_by_name_keeps_its_array_output_and_applies_type_and_state()
    {
        var name = Unique.Name("list-name");
        var interval = await AddIntervalAsync(name);
        var once = (await fixture.Client.AddTaskAsync(NewTask.Once(name, "once", Start))).TaskId;

        var listed = (await fixture.RunAsync("list", "--name", name, "--json")).SuccessJson();
        Assert.Equal([once, interval], Ids(listed));
        Assert.Equal([interval], Ids((await fixture.RunAsync("list", "--name", name, "--type", "interval", "--json")).SuccessJson()));
        Assert.Empty(Ids((await fixture.RunAsync("list", "--name", name, "--state", "paused", "--json")).SuccessJson()));

        Assert.Equal(2, (await fixture.RunAsync("list", "--name", name, "--prefix", "x")).ExitCode);
    }

    [Fact]
    public async Task A_large_file_goes_in_batches_and_a_refused_line_is_reported_with_its_number()
    {
        var name = Unique.Name("bulk-batches");
        var lines = Enumerable.Range(1, 1203)
            .Select(line => line switch
            {
                700 => $$"""{"name":"{{name}}","type":3,"data":"{{line}}","crontab":"61 * * * *"}""",
                1100 => """{"name":""",
                1101 => $$"""{"name":"{{name}}","data":"1","loop_time":3600}""",
                _ => $$"""{"name":"{{name}}","data":"{{line}}","loop_time":3600}""",
            });

        var result = await fixture.RunWithInputAsync(string.Join('\n', lines), "add", "--file", "-", "--json");

        Assert.Equal(1, result.ExitCode);
        var summary = result.Json();
        Assert.Equal(1200, summary.GetProperty("created").GetInt32());
        Assert.Equal(1, summary.GetProperty("deduplicated").GetInt32());
        Assert.Equal(2, summary.GetProperty("failed").GetInt32());
        Assert.Equal([700, 1100], summary.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        Assert.StartsWith("crontab", summary.GetProperty("errors")[0].GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Contains("error: line 700: crontab", result.Stderr, StringComparison.Ordinal);
        var tasks = summary.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(1201, tasks.Count);
        Assert.Equal(tasks[0].GetProperty("taskid").GetString(), tasks.Single(t => t.GetProperty("line").GetInt32() == 1101).GetProperty("taskid").GetString());

        var count = 0;
        await foreach (var _ in fixture.Client.ListAllTasksAsync(new TaskFilter { NamePrefix = name }, pageSize: 500))
        {
            count++;
        }

        Assert.Equal(1200, count);
    }

    private static List<string?> Ids(JsonElement tasks) => [.. tasks.EnumerateArray().Select(t => t.GetProperty("_id").GetString())];

    private async Task<string> AddIntervalAsync(string name) =>
        (await fixture.Client.AddTaskAsync(NewTask.Every(name, "x", TimeSpan.FromHours(1)) with { StartTime = Start })).TaskId;
}
