using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TaskCenter.Server.Tests.Queue;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Engine;

/// <summary>
/// The engine on a fake clock, through the real API and storage: the clock only moves when a test moves it,
/// so schedules, restarts and outages are exact and nothing waits on the wall clock.
/// </summary>
public sealed class FakeClockScheduleTests : IAsyncLifetime
{
    // 2030-01-01T00:00:00Z, a Tuesday.
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_893_456_000);
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly string _data = TempDirectory.Create("taskcenter-fakeclock");

    private static long Unix(DateTimeOffset time) => time.ToUnixTimeSeconds();

    private Task<RunningServer> StartAsync(Dictionary<string, string?>? settings = null) =>
        RunningServer.StartAsync(settings, dataDirectory: _data, time: _clock);

    private static async Task<string> AddAsync(RunningServer server, object task)
    {
        var (_, body) = await server.Http.PostJsonAsync("/v1/api/task", Json(task));
        return body.GetProperty("taskid").GetString() ?? throw new InvalidOperationException(body.ToString());
    }

    /// <summary>Consumes and acks until <paramref name="count"/> messages arrived; the long poll wakes when the engine fires.</summary>
    internal static async Task<List<JsonElement>> TakeAsync(RunningServer server, string tag, int count)
    {
        var all = new List<JsonElement>();
        while (all.Count < count)
        {
            var batch = await server.Http.ConsumeAsync("g-" + tag, tag, waitMs: 60_000, max: count - all.Count);
            await server.Http.AckAsync("g-" + tag, [.. batch.Select(m => m.Msgid())]);
            all.AddRange(batch);
        }

        return all;
    }

    private static long[] FireTimes(IEnumerable<JsonElement> messages) =>
        [.. messages.Select(m => m.GetProperty("fire_time").GetInt64()).Order()];

    [Fact]
    public async Task An_interval_task_fires_at_start_time_then_every_loop_time_up_to_loop_count()
    {
        await using var server = await StartAsync();
        await server.Http.ConsumeAsync("g-every", "every", waitMs: 0);
        var id = await AddAsync(server, new { name = "every", type = 2, data = "x", loop_time = 30, loop_count = 3, start_time = Unix(T0) + 60 });

        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal([Unix(T0) + 60], FireTimes(await TakeAsync(server, "every", 1)));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal([Unix(T0) + 90], FireTimes(await TakeAsync(server, "every", 1)));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal([Unix(T0) + 120], FireTimes(await TakeAsync(server, "every", 1)));

        var (_, task) = await server.Http.GetJsonAsync("/v1/api/query-task-by-id?taskid=" + id);
        Assert.Equal("finished", task.GetProperty("state").GetString());
        Assert.Equal(3, task.GetProperty("fired_count").GetInt64());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("next_fire_at").ValueKind);
    }

    [Fact]
    public async Task A_cron_task_fires_on_its_crontab_in_its_zone()
    {
        await using var server = await StartAsync();
        await server.Http.ConsumeAsync("g-cron", "cron", waitMs: 0);
        // 09:00 in Shanghai is 01:00 UTC.
        await AddAsync(server, new { name = "cron", type = 3, data = "x", crontab = "0 9 * * *", timezone = "Asia/Shanghai" });

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal([Unix(T0) + 3600], FireTimes(await TakeAsync(server, "cron", 1)));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal([Unix(T0) + 3600 + 86400], FireTimes(await TakeAsync(server, "cron", 1)));
    }

    [Fact]
    public async Task No_fire_after_end_time()
    {
        await using var server = await StartAsync();
        await server.Http.ConsumeAsync("g-ends", "ends", waitMs: 0);
        var id = await AddAsync(server, new { name = "ends", type = 2, data = "x", loop_time = 10, start_time = Unix(T0) + 10, end_time = Unix(T0) + 25 });

        _clock.Advance(TimeSpan.FromSeconds(10));
        await TakeAsync(server, "ends", 1);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await TakeAsync(server, "ends", 1);

        var (_, task) = await server.Http.GetJsonAsync("/v1/api/query-task-by-id?taskid=" + id);
        Assert.Equal("finished", task.GetProperty("state").GetString());
        Assert.Equal(2, task.GetProperty("fired_count").GetInt64());
    }

    [Fact]
    public async Task After_an_outage_recent_misses_are_all_delivered_and_older_ones_coalesced_into_one()
    {
        await using (var before = await StartAsync())
        {
            await before.Http.ConsumeAsync("g-outage", "outage", waitMs: 0);
            await AddAsync(before, new { name = "outage", type = 2, data = "x", loop_time = 20, start_time = Unix(T0) + 20 });
            await AddAsync(before, new { name = "outage", type = 1, data = "once", start_time = Unix(T0) + 30 });
        }

        // Down for 10 minutes: the interval task missed 30 fires, the one-shot its only one.
        _clock.Advance(TimeSpan.FromMinutes(10));
        await using var after = await StartAsync();
        var messages = await TakeAsync(after, "outage", 6);

        var once = Assert.Single(messages, m => m.GetProperty("data").GetString() == "once");
        Assert.Equal(Unix(T0) + 30, once.GetProperty("fire_time").GetInt64());
        // Beyond the 60 s threshold: one fire for the whole period (its first missed time); then the 4 within it (540 is exactly 60 s old).
        Assert.Equal([Unix(T0) + 20, Unix(T0) + 540, Unix(T0) + 560, Unix(T0) + 580, Unix(T0) + 600],
            FireTimes(messages.Where(m => m.GetProperty("data").GetString() == "x")));

        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal([Unix(T0) + 620], FireTimes(await TakeAsync(after, "outage", 1)));
    }

    [Fact]
    public async Task A_fire_scheduled_before_a_restart_keeps_its_schedule_after_it()
    {
        await using (var before = await StartAsync())
        {
            await before.Http.ConsumeAsync("g-restart", "restart", waitMs: 0);
            await AddAsync(before, new { name = "restart", type = 2, data = "x", loop_time = 7, start_time = Unix(T0) + 7 });
            _clock.Advance(TimeSpan.FromSeconds(7));
            Assert.Equal([Unix(T0) + 7], FireTimes(await TakeAsync(before, "restart", 1)));
        }

        await using var after = await StartAsync();
        _clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal([Unix(T0) + 14], FireTimes(await TakeAsync(after, "restart", 1)));
    }

    [Fact]
    public async Task A_fire_recorded_ahead_of_its_time_is_delivered_at_its_time_not_before()
    {
        await using var server = await StartAsync();
        await server.Http.ConsumeAsync("g-ahead", "ahead", waitMs: 0);
        var id = await AddAsync(server, new { name = "ahead", type = 1, data = "x", start_time = Unix(T0) + 10 });

        // Within the engine's look-ahead (500 ms): the fire is recorded, not yet available.
        _clock.Advance(TimeSpan.FromMilliseconds(9_700));
        await DeliveryTests.WaitUntilFiredAsync(server.Http, id);
        Assert.Empty(await server.Http.ConsumeAsync("g-ahead", "ahead", waitMs: 0));

        _clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal([Unix(T0) + 10], FireTimes(await TakeAsync(server, "ahead", 1)));
    }

    [Fact]
    public async Task A_burst_is_recorded_ahead_of_its_second_by_the_time_recording_it_takes()
    {
        // No look-ahead at all: only the burst's own lead (twice the time recording it takes) records these fires ahead.
        await using var server = await StartAsync(new() { ["Engine:LookAhead"] = "00:00:00", ["Engine:MaxLookAhead"] = "00:00:05" });
        await server.Http.ConsumeAsync("g-burst", "burst", waitMs: 0);
        var ids = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            ids.Add(await AddAsync(server, new { name = "burst", type = 1, data = $"job {i}", start_time = Unix(T0) + 10 }));
        }

        // 400 fires at twice the initial cost estimate (25 µs each; a fake clock measures nothing): 20 ms ahead.
        _clock.Advance(TimeSpan.FromMilliseconds(9_985));
        foreach (var id in ids)
        {
            await DeliveryTests.WaitUntilFiredAsync(server.Http, id);
        }

        Assert.Empty(await server.Http.ConsumeAsync("g-burst", "burst", waitMs: 0));
        _clock.Advance(TimeSpan.FromMilliseconds(15));
        Assert.Equal(400, (await TakeAsync(server, "burst", 400)).Count);
    }

    [Fact]
    public async Task Deleting_a_task_after_its_fire_was_recorded_ahead_withdraws_the_fire()
    {
        await using var server = await StartAsync();
        await server.Http.ConsumeAsync("g-withdrawn", "withdrawn", waitMs: 0);
        var id = await AddAsync(server, new { name = "withdrawn", type = 1, data = "x", start_time = Unix(T0) + 10 });
        _clock.Advance(TimeSpan.FromMilliseconds(9_700));
        await DeliveryTests.WaitUntilFiredAsync(server.Http, id);

        await server.Http.PostJsonAsync("/v1/api/delete-task", Json(new { ids = new[] { id } }));
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(await server.Http.ConsumeAsync("g-withdrawn", "withdrawn", waitMs: 0));
    }

    [Fact]
    public async Task Finished_tasks_are_purged_after_their_retention_and_stat_counts_this_minutes_fires()
    {
        await using var server = await StartAsync(new()
        {
            ["Engine:FinishedRetention"] = "00:05:00",
            ["Engine:HousekeepingInterval"] = "00:01:00",
        });
        await server.Http.ConsumeAsync("g-purge", "purge", waitMs: 0);
        var id = await AddAsync(server, new { name = "purge", type = 1, data = "x", start_time = Unix(T0) + 10 });
        _clock.Advance(TimeSpan.FromSeconds(10));
        await TakeAsync(server, "purge", 1);

        var (_, stat) = await server.Http.GetJsonAsync("/api/v1/task/stat");
        Assert.Equal(1, stat.GetProperty("purge").GetInt64());
        Assert.True(stat.GetProperty("total").GetInt64() >= 1);
        Assert.Equal("finished", (await server.Http.GetJsonAsync("/v1/api/query-task-by-id?taskid=" + id)).Body.GetProperty("state").GetString());

        // Housekeeping runs every minute (on the fake clock); the task goes once it has been finished for 5 minutes.
        for (var minute = 0; minute < 7; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        await WaitUntilGoneAsync(server, id);
        var (_, later) = await server.Http.GetJsonAsync("/v1/api/task/stat");
        Assert.False(later.TryGetProperty("purge", out _));
    }

    /// <summary>Housekeeping runs on its own timer after the clock moved; wait for its effect, not for a time.</summary>
    private static async Task WaitUntilGoneAsync(RunningServer server, string id)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await server.Http.GetJsonAsync("/v1/api/query-task-by-id?taskid=" + id)).Status != System.Net.HttpStatusCode.NotFound)
        {
            await Task.Delay(10, guard.Token);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TempDirectory.Delete(_data);
        return Task.CompletedTask;
    }
}
