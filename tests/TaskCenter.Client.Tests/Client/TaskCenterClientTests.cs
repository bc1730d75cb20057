using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Client;

public abstract class TaskCenterClientTests(ServerFixture fixture)
{
    /// <summary>A Monday far ahead: tasks that start then stay pending, so what the server returns is what was added.</summary>
    private static readonly DateTimeOffset Start = new(2099, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private TaskCenterClient Client => fixture.Client;

    [Fact]
    public async Task A_one_shot_task_round_trips_every_field()
    {
        var name = Unique.Name("once");
        var task = NewTask.Once(name, """{"id":1}""", Start) with { MaxRuntime = TimeSpan.FromSeconds(30), Ack = true };

        var (added, stored) = await AddAndGetAsync(task);

        Assert.Equal(name, added.Name);
        Assert.Equal(
            new TaskInfo
            {
                Id = added.TaskId, Name = name, Type = TaskType.OneShot, Data = """{"id":1}""", StartTime = Start,
                CreatedAt = stored.CreatedAt, TimeZone = stored.TimeZone, MaxRuntime = TimeSpan.FromSeconds(30), Ack = true,
                State = TaskState.Pending, NextFireAt = Start,
            },
            stored);
    }

    [Fact]
    public async Task An_interval_task_round_trips_every_field()
    {
        var name = Unique.Name("every");
        var task = NewTask.Every(name, "tick", TimeSpan.FromSeconds(90)) with
        {
            LoopCount = 3, StartTime = Start, EndTime = Start.AddDays(1), MaxRuntime = TimeSpan.FromSeconds(10),
        };

        var (added, stored) = await AddAndGetAsync(task);

        Assert.Equal(
            new TaskInfo
            {
                Id = added.TaskId, Name = name, Type = TaskType.Interval, Data = "tick", LoopTime = TimeSpan.FromSeconds(90),
                LoopCount = 3, StartTime = Start, EndTime = Start.AddDays(1), CreatedAt = stored.CreatedAt,
                TimeZone = stored.TimeZone, MaxRuntime = TimeSpan.FromSeconds(10), State = TaskState.Pending, NextFireAt = Start,
            },
            stored);
    }

    [Fact]
    public async Task A_cron_task_round_trips_every_field_and_is_read_in_its_zone()
    {
        var name = Unique.Name("cron");
        var task = NewTask.Cron(name, "report", "0 9 * * 1-5", "Europe/Berlin") with { LoopCount = 5, StartTime = Start };

        var (added, stored) = await AddAndGetAsync(task);

        Assert.Equal(
            new TaskInfo
            {
                Id = added.TaskId, Name = name, Type = TaskType.Cron, Data = "report", Crontab = "0 9 * * 1-5", LoopCount = 5,
                StartTime = Start, CreatedAt = stored.CreatedAt, TimeZone = "Europe/Berlin", State = TaskState.Pending,
                NextFireAt = Start.AddHours(8), // 09:00 in Berlin (UTC+1 in winter) on Monday 2099-01-05
            },
            stored);
    }

    [Fact]
    public async Task Tasks_listed_by_name_come_newest_first_and_equal_the_tasks_got_by_id()
    {
        var name = Unique.Name("list");
        var ids = new List<string>();
        foreach (var data in new[] { "1", "2", "3" })
        {
            ids.Add((await Client.AddTaskAsync(NewTask.Once(name, data, Start))).TaskId);
        }

        var listed = await Client.GetTasksByNameAsync(name);

        Assert.Equal(ids.AsEnumerable().Reverse(), listed.Select(t => t.Id));
        Assert.Equal(["3", "2", "1"], listed.Select(t => t.Data));
        foreach (var task in listed)
        {
            Assert.Equal(await Client.GetTaskAsync(task.Id), task);
        }
    }

    [Fact]
    public async Task Adding_a_live_task_with_the_same_name_and_data_returns_its_id_and_creates_nothing()
    {
        var name = Unique.Name("dedupe");

        var first = await Client.AddTaskAsync(NewTask.Once(name, "same", Start));
        var again = await Client.AddTaskAsync(NewTask.Once(name, "same", Start));
        var other = await Client.AddTaskAsync(NewTask.Once(name, "other", Start));

        Assert.Equal(first.TaskId, again.TaskId);
        Assert.NotEqual(first.TaskId, other.TaskId);
        Assert.Equal([other.TaskId, first.TaskId], (await Client.GetTasksByNameAsync(name)).Select(t => t.Id));
    }

    [Fact]
    public async Task Deleting_by_ids_returns_only_the_ids_really_deleted()
    {
        var name = Unique.Name("delete");
        var doomed = (await Client.AddTaskAsync(NewTask.Once(name, "doomed", Start))).TaskId;
        var kept = (await Client.AddTaskAsync(NewTask.Once(name, "kept", Start))).TaskId;
        const string unknown = "000000000000000000000000";

        Assert.Equal([doomed], await Client.DeleteTasksAsync([doomed, unknown]));
        Assert.Empty(await Client.DeleteTasksAsync([doomed]));

        Assert.Null(await Client.GetTaskAsync(doomed));
        Assert.Equal([kept], (await Client.GetTasksByNameAsync(name)).Select(t => t.Id));
    }

    [Fact]
    public async Task Deleting_by_name_deletes_every_task_of_that_name_only()
    {
        var name = Unique.Name("by-name");
        var otherName = Unique.Name("by-name-other");
        var a = (await Client.AddTaskAsync(NewTask.Once(name, "a", Start))).TaskId;
        var b = (await Client.AddTaskAsync(NewTask.Every(name, "b", TimeSpan.FromMinutes(1)) with { StartTime = Start })).TaskId;
        var other = (await Client.AddTaskAsync(NewTask.Once(otherName, "a", Start))).TaskId;

        Assert.Equal([a, b], (await Client.DeleteTasksByNameAsync(name)).Order(StringComparer.Ordinal));

        Assert.Empty(await Client.GetTasksByNameAsync(name));
        Assert.Empty(await Client.DeleteTasksByNameAsync(name));
        Assert.NotNull(await Client.GetTaskAsync(other));
    }

    [Fact]
    public async Task Getting_an_unknown_task_returns_null_and_an_unknown_name_lists_nothing()
    {
        Assert.Null(await Client.GetTaskAsync("0123456789abcdef01234567"));
        Assert.Empty(await Client.GetTasksByNameAsync(Unique.Name("nobody")));
    }

    [Theory]
    [InlineData("crontab")]
    [InlineData("loop_time")]
    [InlineData("timezone")]
    [InlineData("end_time")]
    [InlineData("name")]
    public async Task A_task_the_server_refuses_throws_a_400_naming_the_field(string field)
    {
        var name = Unique.Name("bad");
        var task = field switch
        {
            "crontab" => NewTask.Cron(name, "x", "61 * * * *"),
            "loop_time" => NewTask.Every(name, "x", TimeSpan.Zero),
            "timezone" => NewTask.Cron(name, "x", "0 9 * * *", "Mars/Olympus_Mons"),
            "end_time" => NewTask.Once(name, "x") with { EndTime = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero) },
            _ => NewTask.Once("has a space", "x"),
        };

        var error = await Assert.ThrowsAsync<TaskCenterApiException>(() => Client.AddTaskAsync(task));

        AssertBadRequest(error, field);
        Assert.Empty(await Client.GetTasksByNameAsync(name));
    }

    [Fact]
    public async Task A_malformed_task_id_is_a_400_not_a_missing_task()
    {
        var error = await Assert.ThrowsAsync<TaskCenterApiException>(() => Client.GetTaskAsync("not-an-id"));

        AssertBadRequest(error, "taskid");
    }

    [Fact]
    public async Task A_duration_that_is_not_whole_seconds_is_refused_before_anything_is_sent()
    {
        var name = Unique.Name("fraction");

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Client.AddTaskAsync(NewTask.Every(name, "x", TimeSpan.FromMilliseconds(1500))));

        Assert.Equal(nameof(NewTask.LoopTime), error.ParamName);
        Assert.Empty(await Client.GetTasksByNameAsync(name));
    }

    [Theory]
    [InlineData("0 9 * * *", "Asia/Shanghai", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z", "2024-01-02T01:00:00Z", "2024-01-03T01:00:00Z")]
    [InlineData("0 9 * * *", "America/New_York", "2024-03-09T00:00:00Z", "2024-03-09T14:00:00Z", "2024-03-10T13:00:00Z")]
    [InlineData("*/15 * * * *", null, "2024-01-01T00:00:00Z", "2024-01-01T00:15:00Z", "2024-01-01T00:30:00Z")]
    [InlineData("0 0 29 2 *", "UTC", "2024-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    public async Task Crontab_next_returns_the_known_fire_times(string crontab, string? zone, string from, params string[] expected)
    {
        var next = await Client.GetCrontabNextAsync(crontab, zone, Parse(from), expected.Length);

        Assert.Equal(expected.Select(Parse), next.Times);
        Assert.Equal(zone ?? "UTC", next.TimeZone);
    }

    [Fact]
    public async Task Crontab_next_names_the_zone_of_a_cron_tz_prefix_over_the_one_asked_for()
    {
        var next = await Client.GetCrontabNextAsync("CRON_TZ=Asia/Tokyo 0 9 * * *", "Europe/Berlin", Parse("2024-01-01T00:00:00Z"), 1);

        Assert.Equal("Asia/Tokyo", next.TimeZone);
        Assert.Equal([Parse("2024-01-02T00:00:00Z")], next.Times); // 09:00 in Tokyo (UTC+9)
    }

    [Fact]
    public async Task Crontab_next_returns_five_times_by_default_and_refuses_a_bad_expression()
    {
        Assert.Equal(5, (await Client.GetCrontabNextAsync("0 * * * *")).Times.Count);

        var error = await Assert.ThrowsAsync<TaskCenterApiException>(() => Client.GetCrontabNextAsync("0 9 * *"));
        AssertBadRequest(error, "crontab");
    }

    [Fact]
    public async Task The_stat_counts_fires_this_minute_with_a_total() =>
        Assert.Contains("total", (await Client.GetStatAsync()).Keys);

    [Fact]
    public async Task A_call_with_a_canceled_token_throws_OperationCanceledException()
    {
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetTaskAsync("0123456789abcdef01234567", canceled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.AddTaskAsync(NewTask.Once(Unique.Name("c"), "x"), canceled.Token));
    }

    private async Task<(TaskReference Added, TaskInfo Stored)> AddAndGetAsync(NewTask task)
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var added = await Client.AddTaskAsync(task);
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Matches("^[0-9a-f]{24}$", added.TaskId);

        var stored = await Client.GetTaskAsync(added.TaskId);

        Assert.NotNull(stored);
        Assert.InRange(stored.CreatedAt.ToUnixTimeSeconds(), before, after);
        Assert.Equal(task.TimeZone ?? "UTC", stored.TimeZone ?? "UTC");
        return (added, stored);
    }

    private static void AssertBadRequest(TaskCenterApiException error, string field)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(400, error.Err);
        Assert.Contains(field, error.Msg, StringComparison.Ordinal);
    }

    private static DateTimeOffset Parse(string time) =>
        DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class TaskCenterClientTestsOnSqlite(SqliteServerFixture fixture) : TaskCenterClientTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TaskCenterClientTestsOnPostgres(PostgresServerFixture fixture) : TaskCenterClientTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class TaskCenterClientTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : TaskCenterClientTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
