using System.Net;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Client;

/// <summary>The task management calls of the SDK (tasks as resources, batch add, overview) against a real server.</summary>
public abstract class TaskManagementClientTests(ServerFixture fixture)
{
    /// <summary>A Monday far ahead: tasks that start then stay pending until the test acts on them.</summary>
    private static readonly DateTimeOffset Start = new(2099, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private const string UnknownId = "0123456789abcdef01234567";

    private TaskCenterClient Client => fixture.Client;

    [Fact]
    public async Task Pause_stops_the_schedule_and_resume_starts_it_again()
    {
        var id = await AddAsync(NewTask.Every(Unique.Name("pause"), "x", TimeSpan.FromHours(1)));

        var paused = await Client.PauseTaskAsync(id);
        Assert.Equal(TaskState.Paused, paused.State);
        Assert.Null(paused.NextFireAt);
        Assert.Equal(paused, await Client.GetTaskAsync(id));
        Assert.Empty((await Client.GetNextFiresAsync(id)).Times);
        Assert.Equal(TaskState.Paused, (await Client.PauseTaskAsync(id)).State);

        var before = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()); // the wire's precision
        var resumed = await Client.ResumeTaskAsync(id);
        Assert.Contains(resumed.State, new[] { TaskState.Pending, TaskState.Active });
        Assert.InRange(resumed.NextFireAt!.Value, before, DateTimeOffset.UtcNow.AddHours(1).AddSeconds(1));
    }

    [Fact]
    public async Task Acting_on_an_unknown_task_throws_a_404_and_a_finished_task_cannot_be_paused()
    {
        foreach (var act in new Func<Task>[]
        {
            () => Client.PauseTaskAsync(UnknownId),
            () => Client.ResumeTaskAsync(UnknownId),
            () => Client.TriggerTaskAsync(UnknownId),
            () => Client.UpdateTaskAsync(UnknownId, new TaskChange { Data = "y" }),
            () => Client.GetNextFiresAsync(UnknownId),
            () => Client.GetFireHistoryAsync(UnknownId),
        })
        {
            var error = await Assert.ThrowsAsync<TaskCenterApiException>(act);
            Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        }

        var id = await AddAsync(NewTask.Once(Unique.Name("finished"), "x"));
        await Waiting.PollAsync(() => Client.GetTaskAsync(id), task => task!.State == TaskState.Finished);
        var conflict = await Assert.ThrowsAsync<TaskCenterApiException>(() => Client.PauseTaskAsync(id));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    [Fact]
    public async Task Update_changes_the_given_fields_only_and_recomputes_the_next_fire()
    {
        var id = await AddAsync(NewTask.Cron(Unique.Name("update"), "old", "0 9 * * *", "Europe/Berlin") with
        {
            StartTime = Start, EndTime = Start.AddDays(30),
        });

        var updated = await Client.UpdateTaskAsync(id, new TaskChange
        {
            Data = "new", Crontab = "0 18 * * *", LoopCount = 3, RemoveEndTime = true, MaxRuntime = TimeSpan.FromSeconds(20), Ack = true,
        });

        Assert.Equal("new", updated.Data);
        Assert.Equal("0 18 * * *", updated.Crontab);
        Assert.Equal("Europe/Berlin", updated.TimeZone);
        Assert.Equal(3, updated.LoopCount);
        Assert.Equal(Start, updated.StartTime);
        Assert.Null(updated.EndTime);
        Assert.Equal(TimeSpan.FromSeconds(20), updated.MaxRuntime);
        Assert.True(updated.Ack);
        Assert.Equal(Start.AddHours(17), updated.NextFireAt); // 18:00 in Berlin (UTC+1 in winter)
        Assert.Equal(updated, await Client.GetTaskAsync(id));

        var next = await Client.GetNextFiresAsync(id, count: 5);
        Assert.Equal("Europe/Berlin", next.TimeZone);
        Assert.Equal([Start.AddHours(17), Start.AddHours(17 + 24), Start.AddHours(17 + 48)], next.Times); // loop_count 3
    }

    [Fact]
    public async Task An_update_the_server_refuses_names_the_field_and_an_empty_one_is_not_sent()
    {
        var id = await AddAsync(NewTask.Cron(Unique.Name("update-bad"), "x", "0 9 * * *") with { StartTime = Start });

        var error = await Assert.ThrowsAsync<TaskCenterApiException>(() => Client.UpdateTaskAsync(id, new TaskChange { Crontab = "61 * * * *" }));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("crontab", error.Msg, StringComparison.Ordinal);

        await Assert.ThrowsAsync<ArgumentException>(() => Client.UpdateTaskAsync(id, new TaskChange()));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.UpdateTaskAsync(id, new TaskChange { EndTime = Start.AddDays(1), RemoveEndTime = true }));
        Assert.Equal("0 9 * * *", (await Client.GetTaskAsync(id))!.Crontab);
    }

    [Fact]
    public async Task Trigger_fires_once_now_and_the_fire_shows_in_the_history()
    {
        var name = Unique.Name("trigger");
        var group = Unique.Name("trigger-group");
        await fixture.SubscribeAsync(group, name);
        var id = await AddAsync(NewTask.Every(name, "x", TimeSpan.FromHours(1)) with { StartTime = Start });

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var fired = await Client.TriggerTaskAsync(id);

        Assert.Equal(id, fired.TaskId);
        Assert.InRange(fired.FireTime, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(id, await fixture.TakeWaitingAsync(group, name));
        var task = await Client.GetTaskAsync(id);
        Assert.Equal(Start, task!.NextFireAt);
        Assert.Equal(TaskState.Pending, task.State);

        var history = await Client.GetFireHistoryAsync(id);
        var fire = Assert.Single(history.Fires);
        Assert.Null(history.Next);
        Assert.Equal(fired.MsgId, fire.MsgId);
        Assert.Equal(fired.FireTime, fire.FireTime);
        Assert.False(fire.Unrouted);
        if (fixture.Server.RabbitMq is null)
        {
            // The built-in queue knows what became of the message in each group; the broker keeps that to itself.
            var delivery = Assert.Single(fire.Deliveries);
            Assert.Equal(group, delivery.Group);
            Assert.Equal(DeliveryState.Acked, delivery.State);
            Assert.Equal(1, delivery.Attempts);
            Assert.Equal(delivery.FirstDeliveredAt - fire.FireTime, delivery.Lateness);
            Assert.NotNull(delivery.DoneAt);
            Assert.Null(delivery.AvailableAt);
            Assert.Equal(ServerFixture.Attempts, history.MaxAttempts);
        }
        else
        {
            Assert.Null(history.MaxAttempts); // The consumers retry, as many times as they are set to.
        }
    }

    [Fact]
    public async Task Fire_history_pages_latest_first()
    {
        var id = await AddAsync(NewTask.Every(Unique.Name("history"), "x", TimeSpan.FromHours(1)) with { StartTime = Start });
        var msgIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            msgIds.Add((await Client.TriggerTaskAsync(id)).MsgId);
        }

        var first = await Client.GetFireHistoryAsync(id, limit: 2);
        Assert.Equal([msgIds[2], msgIds[1]], first.Fires.Select(f => f.MsgId));
        Assert.NotNull(first.Next);
        var second = await Client.GetFireHistoryAsync(id, limit: 2, before: first.Next);
        Assert.Equal([msgIds[0]], second.Fires.Select(f => f.MsgId));
        Assert.Null(second.Next);
        if (fixture.Server.RabbitMq is null)
        {
            // No group subscribed to the name; over RabbitMQ the broker says so only after publishing.
            Assert.True(Assert.Single(second.Fires).Unrouted);
        }
    }

    [Fact]
    public async Task Listing_filters_by_prefix_type_and_state_and_pages_with_the_next_cursor()
    {
        var prefix = Unique.Name("list") + "-";
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await AddAsync(NewTask.Every($"{prefix}{i}", "x", TimeSpan.FromHours(1)) with { StartTime = Start }));
        }

        var cron = await AddAsync(NewTask.Cron($"{prefix}9", "x", "0 9 * * *") with { StartTime = Start });
        await Client.PauseTaskAsync(ids[1]);

        var first = await Client.ListTasksAsync(new TaskFilter { NamePrefix = prefix }, limit: 4);
        Assert.Equal([ids[0], ids[1], ids[2], ids[3]], first.Tasks.Select(t => t.Id));
        Assert.NotNull(first.Next);
        var second = await Client.ListTasksAsync(new TaskFilter { NamePrefix = prefix }, limit: 4, after: first.Next);
        Assert.Equal([ids[4], cron], second.Tasks.Select(t => t.Id));
        Assert.Null(second.Next);
        Assert.Equal(await Client.GetTaskAsync(ids[0]), first.Tasks[0]);

        Assert.Equal([cron], (await Client.ListTasksAsync(new TaskFilter { NamePrefix = prefix, Type = TaskType.Cron })).Tasks.Select(t => t.Id));
        Assert.Equal([ids[1]], (await Client.ListTasksAsync(new TaskFilter { NamePrefix = prefix, State = TaskState.Paused })).Tasks.Select(t => t.Id));

        var all = new List<string>();
        await foreach (var task in Client.ListAllTasksAsync(new TaskFilter { NamePrefix = prefix }, pageSize: 2))
        {
            all.Add(task.Id);
        }

        Assert.Equal([.. ids, cron], all);
    }

    [Fact]
    public async Task The_name_filter_lists_one_name_and_the_tasks_of_a_name_are_all_read_beyond_one_answer()
    {
        var name = Unique.Name("many");
        var added = await Client.AddTasksAsync(Enumerable.Range(0, 101).Select(i => NewTask.Once(name, $"{i}", Start)));
        await AddAsync(NewTask.Once(name + ".other", "x", Start));
        var ids = added.Select(task => task.TaskId).ToList();

        var page = await Client.ListTasksAsync(new TaskFilter { Name = name }, limit: 500);
        var byName = await Client.GetTasksByNameAsync(name); // the server answers 100 of them and says so

        Assert.Equal(ids, page.Tasks.Select(t => t.Id));
        Assert.Null(page.Next);
        Assert.Equal(Enumerable.Reverse(ids), byName.Select(t => t.Id));
    }

    [Fact]
    public async Task A_bad_list_parameter_is_a_400()
    {
        var error = await Assert.ThrowsAsync<TaskCenterApiException>(() => Client.ListTasksAsync(limit: 501));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("limit", error.Msg, StringComparison.Ordinal);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.ListTasksAsync(new TaskFilter { State = TaskState.Unknown }));
    }

    [Fact]
    public async Task A_batch_is_added_in_order_and_says_which_tasks_were_created()
    {
        var name = Unique.Name("batch");
        var existing = await AddAsync(NewTask.Once(name, "old", Start));

        var added = await Client.AddTasksAsync(
        [
            NewTask.Once(name, "a", Start),
            NewTask.Every(name, "b", TimeSpan.FromMinutes(5)) with { StartTime = Start },
            NewTask.Once(name, "old", Start),
            NewTask.Once(name, "a", Start),
        ]);

        Assert.Equal([true, true, false, false], added.Select(a => a.Created));
        Assert.All(added, a => Assert.Equal(name, a.Name));
        Assert.Equal(existing, added[2].TaskId);
        Assert.Equal(added[0].TaskId, added[3].TaskId);
        Assert.Equal(TaskType.Interval, (await Client.GetTaskAsync(added[1].TaskId))!.Type);
    }

    [Fact]
    public async Task A_batch_with_one_bad_task_adds_nothing_and_names_the_task()
    {
        var name = Unique.Name("batch-bad");

        var error = await Assert.ThrowsAsync<TaskCenterApiException>(() => Client.AddTasksAsync(
        [
            NewTask.Once(name, "a", Start),
            NewTask.Cron(name, "b", "61 * * * *"),
        ]));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.StartsWith("tasks[1].crontab", error.Msg, StringComparison.Ordinal);
        Assert.Empty(await Client.GetTasksByNameAsync(name));

        var tooMany = await Assert.ThrowsAsync<TaskCenterApiException>(() => Client.AddTasksAsync(
            Enumerable.Range(0, TaskCenterClient.MaxTasksPerBatch + 1).Select(i => NewTask.Once(name, $"{i}", Start))));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Empty(await Client.GetTasksByNameAsync(name));
    }

    [Fact]
    public async Task The_overview_counts_tasks_and_lists_this_instance()
    {
        var id = await AddAsync(NewTask.Every(Unique.Name("overview"), "x", TimeSpan.FromHours(1)) with { StartTime = Start });
        await Client.PauseTaskAsync(id);

        var overview = await Waiting.PollAsync(
            () => Client.GetOverviewAsync(),
            o => o.Tasks.Any(c => c is { Type: TaskType.Interval, State: TaskState.Paused, Count: > 0 }) && o.Instances.Any(i => i.IsSelf));

        Assert.Equal(fixture.Backend == TestBackend.Sqlite ? "Sqlite" : "Postgres", overview.Storage);
        Assert.Equal(fixture.Server.RabbitMq is null ? "BuiltIn" : "RabbitMq", overview.Delivery);
        var self = Assert.Single(overview.Instances, i => i.IsSelf);
        Assert.True(self.Alive);
        Assert.Equal(Environment.ProcessId, self.ProcessId);
        Assert.NotEmpty(overview.FiresPerMinute);
        Assert.All(overview.FiresPerMinute, m => Assert.Equal(0, m.Minute.ToUnixTimeMilliseconds() % 60_000));
    }

    private async Task<string> AddAsync(NewTask task) => (await Client.AddTaskAsync(task)).TaskId;
}

public sealed class TaskManagementClientTestsOnSqlite(SqliteServerFixture fixture) : TaskManagementClientTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TaskManagementClientTestsOnPostgres(PostgresServerFixture fixture) : TaskManagementClientTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class TaskManagementClientTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : TaskManagementClientTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
